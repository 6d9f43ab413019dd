// embed-example.js — a host page that drives an embedded ReLU Lab by postMessage (docs/embedding.md).
// The lab's address may be given as ?lab=URL (the tests use it to embed from another origin).
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const labUrl = new URL(params.get('lab') || '../index.html?lesson=kill-shot&embed=1&controls=play,step,kick,reset',
                         location.href);
  const frame = document.getElementById('lab');
  const log = document.getElementById('log');
  const received = [];
  window.received = received;  // for the tests

  function send(command) { frame.contentWindow.postMessage(command, labUrl.origin); }
  document.getElementById('play').addEventListener('click', () => send({ cmd: 'play' }));
  document.getElementById('kick').addEventListener('click', () => send({ cmd: 'kick', factor: 5, batch: 'outlier' }));
  document.getElementById('step').addEventListener('click', () => send({ cmd: 'step', n: 100 }));
  document.getElementById('reset').addEventListener('click', () => send({ cmd: 'reset' }));

  window.addEventListener('message', (event) => {
    if (event.origin !== labUrl.origin || !event.data || event.data.source !== 'relulab') return;
    received.push(event.data);
    if (event.data.type === 'step') return;  // frequent; not worth a line
    const item = document.createElement('li');
    item.textContent = event.data.type === 'result'
      ? (event.data.ok ? 'command accepted' : 'command refused: ' + event.data.error)
      : (event.data.text || event.data.type);
    log.appendChild(item);
  });
  frame.src = labUrl.href;
})();
