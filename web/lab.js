// lab.js — starts the WebAssembly lab and exposes window.relulab:
//   relulab.ready      a Promise resolved once the first frame is on screen (rejected if the lab cannot run)
//   relulab.state()    the lab's state as an object (step, loss, twins[].layers[].units[].k/state, ...)
//   relulab.command(o) applies a command object, e.g. {cmd: "step", n: 10}; returns {ok: true} or
//                      {ok: false, error: "..."} — a refused command changes nothing.
//   relulab.on(type, f) calls f(event) for lab events: ready, step, unitDied, unitRevived, diverged, ...
//   relulab.layout()   where the data planes and the timeline were drawn (CSS pixels, data rectangles)
//   relulab.loadData(csv) trains on the learner's own CSV (data=custom); {ok} or {ok: false, error: "line 3, ..."}
//                      — also a file dropped onto the canvas, Scene… > Load CSV, and the loadData message
//   relulab.wake()     draw the next frames even if nothing changed (e.g. before reading the canvas)
// Embedded in an iframe, the same commands arrive by postMessage from allowed origins (URL key origin=,
// default: this page's own origin) and the events are posted back to the host (docs/embedding.md).
// Render on demand: the lab draws only while something changes; input, a command or a resize wakes it, and
// a scene off screen or in a hidden tab is suspended until it comes back (unless the URL says background=1).
// The keyboard: Tab moves through the lesson panel (HTML buttons driving the same commands) and the canvas
// and out of the lab; the lab's keys act while the canvas has the focus; ? shows the keys.
// Without WebGL2 the page explains itself in HTML instead of loading the lab.
(function () {
  'use strict';
  const kMaxMessageBytes = 4096;
  const kMaxDataBytes = 32 << 20;  // core::kMaxDataFileBytes
  const params = new URLSearchParams(location.search);
  const embedded = window.parent !== window;
  const status = document.getElementById('lab-status');
  const narration = document.getElementById('narration');
  const summary = document.getElementById('summary');
  const listeners = new Map();
  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {});  // a failure is shown on the page; callers may still await it

  function fail(message) {
    status.textContent = message;
    status.classList.add('error');
    status.hidden = false;
    rejectReady(new Error(message));
  }

  // ---- origins allowed to drive an embedded lab --------------------------------------------------------
  const reported = new Set();
  function reportOnce(message) {
    if (reported.has(message)) return;
    reported.add(message);
    console.warn('ReLU Lab: ' + message);
  }
  const allowedOrigins = new Set([location.origin]);
  if (params.has('origin')) {
    for (const entry of params.get('origin').split(',')) {
      let origin = null;
      try { origin = new URL(entry).origin; } catch (e) { /* reported below */ }
      if (origin && origin !== 'null' && origin === entry.replace(/\/$/, '')) allowedOrigins.add(origin);
      else reportOnce(`origin: '${entry}' is not an origin like https://course.example.org; it is ignored`);
    }
  }

  function emit(event) {
    for (const f of listeners.get(event.type) || []) {
      try { f(event); } catch (e) { console.error(e); }
    }
    if (embedded) for (const origin of allowedOrigins) window.parent.postMessage({ source: 'relulab', ...event }, origin);
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
      if (text.length > kMaxMessageBytes) return { ok: false, error: `a command may be at most ${kMaxMessageBytes} bytes` };
      const pointer = Module.stringToNewUTF8(text);
      const error = Module.UTF8ToString(Module._relulab_command(pointer));
      Module._free(pointer);
      if (!error) {
        pumpEvents();
        wake();
        updatePanel();
      }
      return error ? { ok: false, error } : { ok: true };
    },
    // The learner's own data as CSV text (header x1,...,y[,split]; csv_table.h): the scene restarts on it.
    // Larger than a command may be, so it has its own way in; a refused file changes nothing.
    loadData(csv) {
      if (!api._started) return { ok: false, error: 'ReLU Lab is not running yet: await relulab.ready first' };
      if (typeof csv !== 'string') return { ok: false, error: 'loadData takes the file\'s text as a string' };
      if (csv.length > kMaxDataBytes) return { ok: false, error: `a data file may be at most ${kMaxDataBytes >> 20} MB` };
      const pointer = Module.stringToNewUTF8(csv);
      const error = Module.UTF8ToString(Module._relulab_load_csv(pointer));
      Module._free(pointer);
      pumpEvents();
      wake();  // a new scene, or the refusal's banner, to draw
      if (!error) updatePanel();
      return error ? { ok: false, error } : { ok: true };
    },
    // The scene as files: 'census' (CSV of the timeline), 'weights' (JSON, one document per twin), 'data' (CSV).
    exportText(what) {
      const kinds = { census: 0, weights: 1, data: 2 };
      if (!(what in kinds)) throw new Error("exportText takes 'census', 'weights' or 'data'");
      return Module.UTF8ToString(Module._relulab_export(kinds[what]));
    },
    lastSaved: null,
    memory() {  // the WebAssembly heap's size in bytes (it grows, never shrinks)
      return api._started ? Module.HEAP8.buffer.byteLength : 0;
    },
    layout() {
      if (!api._started) throw new Error('ReLU Lab is not running yet: await relulab.ready first');
      return JSON.parse(Module.UTF8ToString(Module._relulab_layout()));
    },
    on(type, f) {
      if (!listeners.has(type)) listeners.set(type, []);
      listeners.get(type).push(f);
    },
    // Draw again now (the lab draws only while something changes): before reading the canvas's pixels,
    // call this and read them in the next animation frame.
    wake() { wake(); },
    lastLink: null,
    _started: false,
  };
  window.relulab = api;

  // ---- host -> lab: postMessage ----------------------------------------------------------------------
  window.addEventListener('message', (event) => {
    if (event.source === window) return;
    if (!allowedOrigins.has(event.origin)) {
      reportOnce(`ignored a message from ${event.origin}: not an allowed origin (add it with the URL key origin=)`);
      return;
    }
    let command = event.data;
    if (typeof command === 'string') {
      if (command.length > kMaxMessageBytes) { reportOnce(`ignored a message over ${kMaxMessageBytes} bytes`); return; }
      try { command = JSON.parse(command); } catch (e) { reportOnce('ignored a message that is not JSON'); return; }
    }
    if (!command || typeof command !== 'object' || Array.isArray(command) || typeof command.cmd !== 'string') {
      reportOnce('ignored a message without a string field cmd, e.g. {cmd: "kick", factor: 30}');
      return;
    }
    const { id, ...rest } = command;  // an optional id is echoed in the reply, not passed to the lab
    if (rest.cmd === 'loadData' && typeof rest.csv === 'string' && Object.keys(rest).length === 2) {  // a file: its own limit
      const result = api._started ? api.loadData(rest.csv) : { ok: false, error: 'the lab is still loading' };
      if (!result.ok) reportOnce(`refused a data file: ${result.error}`);
      if (event.source) event.source.postMessage({ source: 'relulab', type: 'result', id, ...result }, event.origin);
      return;
    }
    let size = 0;
    try { size = JSON.stringify(rest).length; } catch (e) { size = Infinity; }
    if (size > kMaxMessageBytes) { reportOnce(`ignored a message over ${kMaxMessageBytes} bytes`); return; }
    const result = api._started ? api.command(rest) : { ok: false, error: 'the lab is still loading' };
    if (!result.ok) reportOnce(`refused ${JSON.stringify(rest).slice(0, 200)}: ${result.error}`);
    if (event.source) event.source.postMessage({ source: 'relulab', type: 'result', id, ...result }, event.origin);
  });

  // ---- lab -> page and host: events ----------------------------------------------------------------------
  let lastStepPost = 0;
  let lastSummary = 0;
  // The live region says what the lab's narration line says: one sentence per batch of events, grouped per
  // step (the app's "narration" events), all of them.
  function pumpEvents() {
    const events = JSON.parse(Module.UTF8ToString(Module._relulab_take_events()));
    const said = [];
    for (const e of events) {
      emit(e);
      if (e.type === 'narration') said.push(e.text);
    }
    if (said.length) narration.textContent = said.join(' ');
  }
  function describe(state) {
    const lines = [`Step ${state.step}.`];
    state.twins.forEach((twin, t) => {
      const layers = twin.layers.map((layer, l) => {
        const counts = {};
        for (const u of layer.units) counts[u.state] = (counts[u.state] || 0) + 1;
        const dead = layer.units.map((u, i) => (u.state === 'dead' ? `${l + 1}.${i + 1}` : null)).filter(Boolean);
        return `layer ${l + 1}: ` + Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ') +
               (dead.length ? ` (dead: ${dead.join(' ')})` : '');
      });
      lines.push(`Twin ${t + 1}, ${twin.activation}${twin.diverged ? ', stopped: ' + twin.diverged_reason : ''}: ` +
                 `loss ${twin.loss.toFixed(4)}; ${layers.join('; ')}.`);
    });
    return lines.join(' ');
  }
  function onLabFrame(frame) {
    if (frame === 1) {
      status.hidden = true;
      api._started = true;
      const state = api.state();
      if (state.banner) console.warn('ReLU Lab: ' + state.banner);
      if (matchMedia('(prefers-reduced-motion: reduce)').matches) api.command({ cmd: 'speed', n: 1 });
      page = JSON.parse(Module.UTF8ToString(Module._relulab_page()));
      fillPanel();
      resolveReady(api);
      emit({ type: 'ready', step: state.step });
      watchVisibility();
    }
    pumpEvents();
    const now = performance.now();
    if (now - lastStepPost > 250) {
      lastStepPost = now;
      const state = api.state();
      emit({ type: 'step', step: state.step, loss: state.loss });
      updatePanel(state);
      if (now - lastSummary > 1000 || !state.playing) {  // paused: it draws only a moment after a change
        lastSummary = now;
        summary.textContent = describe(state);
      }
    }
  }

  // Called by the lab right after it drew a frame (so the canvas still holds it): offer a file to the learner.
  function saveFile(name, text) {
    const url = text === null ? canvas.toDataURL('image/png')
                              : URL.createObjectURL(new Blob([text], { type: name.endsWith('.json') ? 'application/json' : 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    if (text !== null) setTimeout(() => URL.revokeObjectURL(url), 10000);
    api.lastSaved = { name, bytes: text === null ? url.length : text.length };
    emit({ type: 'export', name });
  }

  function copyLink(query) {
    const url = location.origin + location.pathname + (query ? '?' + query : '');
    api.lastLink = url;
    const note = () => { narration.textContent = 'Link to this scene: ' + url; };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(note, note);
    else note();
    emit({ type: 'link', url });
  }

  const canvas = document.getElementById('canvas');

  // ---- render on demand, and suspension off screen -------------------------------------------------------
  function wake() { if (api._started) Module._relulab_wake(); }
  let inView = true;
  function updateSuspension() {
    if (!api._started) return;
    const run = page.background || (inView && !document.hidden);
    Module._relulab_suspend(run ? 0 : 1);
  }
  function watchVisibility() {
    if ('IntersectionObserver' in window) {
      new IntersectionObserver((entries) => {
        inView = entries[entries.length - 1].isIntersecting;
        updateSuspension();
      }).observe(canvas);
    }
    document.addEventListener('visibilitychange', updateSuspension);
    if ('ResizeObserver' in window) new ResizeObserver(wake).observe(canvas);
    window.addEventListener('resize', wake);
    updateSuspension();
  }
  for (const type of ['mousemove', 'mousedown', 'mouseup', 'mouseenter', 'mouseleave', 'wheel'])
    canvas.addEventListener(type, wake, { capture: true, passive: true });
  window.addEventListener('mouseup', wake, { capture: true, passive: true });
  window.addEventListener('focus', wake);
  window.addEventListener('blur', wake);

  // ---- the keyboard --------------------------------------------------------------------------------------
  // This listener runs before the lab's own (GLFW's, added later on the same target and phase). Tab never
  // reaches the lab (which would cancel it: a keyboard trap), so the browser moves the focus; keys typed into
  // the HTML panel are the panel's; the lab's keys on the canvas do not scroll the page.
  const help = document.getElementById('help');
  const kLabKeys = new Set([' ', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);
  let helpReturn = null;
  function showHelp(show) {
    if (show === !help.hidden) return;
    if (show) {
      helpReturn = document.activeElement;
      help.hidden = false;
      document.getElementById('help-close').focus();
    } else {
      help.hidden = true;
      if (helpReturn && helpReturn.focus) helpReturn.focus();
    }
  }
  document.getElementById('help-close').addEventListener('click', () => showHelp(false));
  document.getElementById('panel-help').addEventListener('click', () => showHelp(true));
  window.addEventListener('keydown', (event) => {
    const target = event.target;
    const forLab = target === canvas || target === document.body || target === document.documentElement;
    if (event.key === '?' && target.tagName !== 'SELECT') {
      event.preventDefault();
      event.stopImmediatePropagation();
      showHelp(help.hidden);
      return;
    }
    if (event.key === 'Escape' && !help.hidden) {
      event.stopImmediatePropagation();
      showHelp(false);
      return;
    }
    if (event.key === 'Tab' || !forLab || event.altKey || event.ctrlKey || event.metaKey) {
      event.stopImmediatePropagation();
      return;
    }
    if (kLabKeys.has(event.key)) event.preventDefault();
    wake();
  }, true);
  window.addEventListener('keyup', wake, true);

  // ---- the lesson panel: the lesson's words and the main controls as HTML --------------------------------
  let page = { background: false, embed: false, lesson: null, menu: [], controls: {} };
  let lastQuery = null;
  const panelPlay = document.getElementById('panel-play');
  const picker = document.getElementById('panel-lesson');
  function fillPanel() {
    const lesson = page.lesson;
    document.getElementById('panel-title').textContent = lesson ? lesson.title : 'ReLU Lab';
    document.getElementById('panel-text').textContent = lesson ? lesson.text : '';
    const notice = document.getElementById('panel-notice');
    notice.replaceChildren(...(lesson ? lesson.notice : []).map((line) => {
      const item = document.createElement('li');
      item.textContent = line;
      return item;
    }));
    for (const button of document.querySelectorAll('#panel [data-control]'))
      button.hidden = !page.controls[button.dataset.control];
    document.getElementById('panel-picker').hidden = page.embed;
    picker.replaceChildren(...[{ id: '', title: 'Choose a lesson…' }, ...page.menu].map((entry) => {
      const option = document.createElement('option');
      option.value = entry.id;
      option.textContent = entry.title;
      option.selected = (lesson ? lesson.id : '') === entry.id;
      return option;
    }));
  }
  function updatePanel(state) {
    if (!api._started) return;
    state = state || api.state();
    panelPlay.textContent = state.playing ? 'Pause' : 'Play';
    if (state.query !== lastQuery) {  // a new scene (the picker, a lesson command, new settings)
      if (lastQuery !== null) {
        page = JSON.parse(Module.UTF8ToString(Module._relulab_page()));
        fillPanel();
      }
      lastQuery = state.query;
    }
  }
  const panelCommands = {
    'panel-play': () => ({ cmd: api.state().playing ? 'pause' : 'play' }),
    'panel-step': () => ({ cmd: 'step', n: 1 }),
    'panel-kick': () => ({ cmd: 'kick', ...page.kick }),
    'panel-reset': () => ({ cmd: 'reset' }),
  };
  for (const [id, make] of Object.entries(panelCommands))
    document.getElementById(id).addEventListener('click', () => { if (api._started) api.command(make()); });
  picker.addEventListener('change', () => { if (api._started && picker.value) api.command({ cmd: 'lesson', id: picker.value }); });

  if (!(() => { try { return !!document.createElement('canvas').getContext('webgl2'); } catch (e) { return false; } })()) {
    fail('ReLU Lab draws with WebGL2, which this browser has turned off or does not support. ' +
         'Try a current Firefox, Chrome, Edge or Safari, or enable hardware acceleration.');
    return;
  }

  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault();
    fail('The graphics context was lost (the GPU was reset or is busy). Reload the page to continue.');
  });

  // Embedded: the page around keeps its scroll wheel until the learner clicks into the lab.
  let engaged = !embedded;
  window.addEventListener('pointerdown', () => { engaged = true; }, true);
  window.addEventListener('blur', () => { engaged = !embedded; });
  window.addEventListener('wheel', (event) => { if (!engaged) event.stopImmediatePropagation(); }, { capture: true });

  // Touch: one finger is the mouse (tap selects, drag knocks a line or scrubs the timeline); two fingers pan
  // and zoom the data plane under them. The lab's GLFW layer does not read touch positions, so the page turns
  // touches into mouse events itself (and keeps the browser from scrolling or synthesizing its own).
  let pinch = null;
  let finger = null;  // the identifier of the finger acting as the mouse
  function mouse(type, touch) {
    canvas.dispatchEvent(new MouseEvent(type, { clientX: touch.clientX, clientY: touch.clientY, button: 0,
                                                buttons: type === 'mouseup' ? 0 : 1, bubbles: true, cancelable: true }));
  }
  function twoFingers(event) {
    const [a, b] = event.touches;
    const rect = canvas.getBoundingClientRect();
    const ratio = canvas.width / rect.width;
    return { x: ((a.clientX + b.clientX) / 2 - rect.left) * ratio, y: ((a.clientY + b.clientY) / 2 - rect.top) * ratio,
             distance: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY) };
  }
  function onTouch(event) {
    event.stopImmediatePropagation();
    event.preventDefault();
    if (event.touches.length >= 2) {
      if (finger !== null) {  // a second finger turns a drag into a gesture: let go of the mouse first
        mouse('mouseup', event.touches[0]);
        finger = null;
      }
      const now = twoFingers(event);
      if (pinch && api._started && pinch.distance > 0)
        Module._relulab_gesture(now.x, now.y, now.distance / pinch.distance, now.x - pinch.x, now.y - pinch.y);
      pinch = now;
      return;
    }
    pinch = null;
    const touch = event.changedTouches[0];
    if (event.type === 'touchstart' && event.touches.length === 1) {
      finger = touch.identifier;
      mouse('mousemove', touch);
      mouse('mousedown', touch);
    } else if (finger === touch.identifier) {
      if (event.type === 'touchmove') mouse('mousemove', touch);
      else { mouse('mouseup', touch); finger = null; }
    }
  }
  for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel'])
    canvas.addEventListener(type, onTouch, { capture: true, passive: false });

  // ---- the learner's own data: a file dropped onto the canvas, or chosen with Scene… > Load CSV ----------
  function loadFile(file) {
    if (!file) return;
    file.text().then((text) => { api.loadData(text); });  // a refusal shows in the lab's banner
  }
  canvas.addEventListener('dragover', (event) => { event.preventDefault(); event.dataTransfer.dropEffect = 'copy'; });
  canvas.addEventListener('drop', (event) => { event.preventDefault(); loadFile(event.dataTransfer.files[0]); });
  function openDataFile() {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,text/csv,text/plain';
    input.addEventListener('change', () => loadFile(input.files[0]));
    input.click();
  }

  window.Module = {
    canvas,
    arguments: [location.search.replace(/^\?/, '')],
    locateFile: (path) => path,
    print: (text) => console.log(text),
    printErr: (text) => console.error(text),  // the core and renderer write only real problems to stderr
    onAbort: (what) => fail('ReLU Lab stopped unexpectedly: ' + what),
    onLabFrame,
    copyLink,
    saveFile,
    openDataFile,
  };
  // The WebAssembly is fetched and compiled while relulab.js downloads (emscripten would start only once
  // relulab.js has run): both arrive in one round trip, and compilation streams as the bytes come.
  const compiled = (WebAssembly.compileStreaming ? WebAssembly.compileStreaming(fetch('relulab.wasm'))
                                                 : Promise.reject(new Error('no streaming')))
    .catch(() => fetch('relulab.wasm').then((r) => {  // e.g. a server that does not say application/wasm
      if (!r.ok) throw new Error(`relulab.wasm: HTTP ${r.status}`);
      return r.arrayBuffer();
    }).then((bytes) => WebAssembly.compile(bytes)));
  window.Module.instantiateWasm = (imports, receive) => {
    compiled.then((module) => WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module)))
      .catch((e) => fail('Could not load relulab.wasm next to this page: ' + e.message));
    return {};  // the exports arrive through receive()
  };
  const script = document.createElement('script');
  script.src = 'relulab.js';
  script.onerror = () => fail('Could not load relulab.js next to this page.');
  document.body.appendChild(script);
})();
