// lab.js — starts the WebAssembly lab and exposes window.relulab:
//   relulab.ready      a Promise resolved once the first frame is on screen (rejected if the lab cannot run)
//   relulab.state()    the lab's state as an object (step, loss, twins[].layers[].units[].k/state, ...)
//   relulab.command(o) applies a command object, e.g. {cmd: "step", n: 10}; returns {ok: true} or
//                      {ok: false, error: "..."} — a refused command changes nothing.
// Without WebGL2 the page explains itself in HTML instead of loading the lab.
(function () {
  'use strict';
  const status = document.getElementById('lab-status');
  const narration = document.getElementById('narration');
  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {});  // a failure is shown on the page; callers may still await it

  function fail(message) {
    status.textContent = message;
    status.classList.add('error');
    status.hidden = false;
    rejectReady(new Error(message));
  }

  function webgl2Available() {
    try {
      return !!document.createElement('canvas').getContext('webgl2');
    } catch (e) {
      return false;
    }
  }

  const api = {
    ready,
    state() {
      if (!api._started) throw new Error('ReLU Lab is not running yet: await relulab.ready first');
      return JSON.parse(Module.UTF8ToString(Module._relulab_state()));
    },
    command(command) {
      if (!api._started) return { ok: false, error: 'ReLU Lab is not running yet: await relulab.ready first' };
      let text;
      try {
        text = typeof command === 'string' ? command : JSON.stringify(command);
      } catch (e) {
        return { ok: false, error: 'the command is not serialisable to JSON' };
      }
      if (typeof text !== 'string') return { ok: false, error: 'a command must be an object like {cmd: "step", n: 10}' };
      const pointer = Module.stringToNewUTF8(text);
      const error = Module.UTF8ToString(Module._relulab_command(pointer));
      Module._free(pointer);
      return error ? { ok: false, error } : { ok: true };
    },
    _started: false,
  };
  window.relulab = api;

  if (!webgl2Available()) {
    fail('ReLU Lab draws with WebGL2, which this browser has turned off or does not support. ' +
         'Try a current Firefox, Chrome, Edge or Safari, or enable hardware acceleration.');
    return;
  }

  const canvas = document.getElementById('canvas');
  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault();
    fail('The graphics context was lost (the GPU was reset or is busy). Reload the page to continue.');
  });

  window.Module = {
    canvas,
    locateFile: (path) => path,
    print: (text) => console.log(text),
    printErr: (text) => console.error(text),  // the core and renderer write only real problems to stderr
    onAbort: (what) => fail('ReLU Lab stopped unexpectedly: ' + what),
    onLabFrame(frame, text) {
      if (frame === 1) {
        status.hidden = true;
        api._started = true;
        resolveReady(api);
      }
      if (narration.textContent !== text) narration.textContent = text;
    },
  };
  const script = document.createElement('script');
  script.src = 'relulab.js';
  script.onerror = () => fail('Could not load relulab.js next to this page.');
  document.body.appendChild(script);
})();
