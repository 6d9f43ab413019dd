// course.js — the course page's side of the embedding protocol (docs/embedding.md): it listens to the events
// each scene posts and keeps a progress list — a lesson is "explored" once its scene trained, "passed" when the
// scene reports lessonPassed {lesson} — and shows each scene's latest narration under it. It sends no
// commands: each scene suspends itself when it leaves the screen.
(function () {
  'use strict';
  const scenes = [...document.querySelectorAll('figure.scene')];
  const list = document.getElementById('progress-list');
  const progress = new Map();  // lesson id -> {item, status, scene}
  window.courseEvents = [];    // every event heard, for the tests

  function label(status) {
    return { waiting: 'not started', explored: 'explored', passed: 'passed' }[status];
  }
  for (const scene of scenes) {
    const lesson = scene.dataset.lesson;
    const title = scene.querySelector('iframe').title.replace(/^ReLU Lab: /, '');
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#' + scene.closest('section').querySelector('h2').id;
    link.textContent = title.charAt(0).toUpperCase() + title.slice(1);
    const state = document.createElement('span');
    state.className = 'status';
    item.append(link, ' — ', state);
    list.appendChild(item);
    progress.set(lesson, { item, state, status: null, scene });
    setStatus(lesson, 'waiting');
  }

  function setStatus(lesson, status) {
    const entry = progress.get(lesson);
    if (!entry) return;
    const rank = { waiting: 0, explored: 1, passed: 2 };
    if (entry.status && rank[status] <= rank[entry.status]) return;  // progress only moves forward
    entry.status = status;
    entry.item.dataset.status = status;
    entry.state.textContent = label(status);
  }

  function sceneOf(source) {
    return scenes.find((scene) => scene.querySelector('iframe').contentWindow === source);
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || !event.data || event.data.source !== 'relulab') return;
    const scene = sceneOf(event.source);
    if (!scene) return;
    const data = event.data;
    window.courseEvents.push({ lesson: scene.dataset.lesson, ...data });
    if (data.type === 'lessonPassed') setStatus(data.lesson || scene.dataset.lesson, 'passed');
    else if (data.type === 'step' && data.step > 0) setStatus(scene.dataset.lesson, 'explored');
    else if (data.type === 'narration') scene.querySelector('figcaption').textContent = 'The lab: ' + data.text;
  });
})();
