# env.sh — sourced by the scripts: the environment the builds need.
# Debian's emscripten loads its JavaScript dependencies from Debian's node modules folder, which a Node.js
# from elsewhere (this machine's is not Debian's) does not search by default.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
