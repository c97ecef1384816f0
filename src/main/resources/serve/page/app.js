// The service's page: the microphone streamed over /v1/stream with a scrolling timeline, and a file
// uploaded to /v1/segments with its segments drawn. Plain JS, no build step, nothing from a CDN.
'use strict';

const COLOURS = { music: '#2b6cb0', speech: '#dd6b20', silence: '#a0aec0' };
const SEND_SAMPLES = 4096;          // microphone samples per binary frame (about 0.1 s at 44.1 kHz)
const TIMELINE_SECONDS = 30;        // what the live timeline shows

const status = document.getElementById('status');
const say = (text) => { status.textContent = text; };

// ---- live ------------------------------------------------------------------------------------

const live = {
  socket: null, context: null, stream: null, node: null,
  windows: [],        // {t, end, label, p}
  segments: [],       // {label, start, end}
};

function socketUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return scheme + '//' + location.host + '/v1/stream';
}

async function startLive() {
  document.getElementById('live-start').disabled = true;
  try {
    live.stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
  } catch (e) {
    say('no microphone: ' + e.message);
    document.getElementById('live-start').disabled = false;
    return;
  }
  live.context = new AudioContext();
  await live.context.audioWorklet.addModule('capture-worklet.js');
  const source = live.context.createMediaStreamSource(live.stream);
  live.node = new AudioWorkletNode(live.context, 'capture');
  source.connect(live.node);
  live.windows = [];
  live.segments = [];
  document.getElementById('live-segments').replaceChildren();

  live.socket = new WebSocket(socketUrl());
  live.socket.binaryType = 'arraybuffer';
  let pending = new Float32Array(SEND_SAMPLES);
  let filled = 0;
  live.socket.onopen = () => {
    live.socket.send(JSON.stringify({ sample_rate: live.context.sampleRate, encoding: 'f32le', channels: 1 }));
    say('streaming at ' + live.context.sampleRate + ' Hz');
    live.node.port.onmessage = (event) => {
      const block = event.data;
      let at = 0;
      while (at < block.length) {
        const n = Math.min(block.length - at, SEND_SAMPLES - filled);
        pending.set(block.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === SEND_SAMPLES && live.socket.readyState === WebSocket.OPEN) {
          live.socket.send(pending.buffer.slice(0));
          filled = 0;
        }
      }
    };
  };
  live.socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.t !== undefined) {
      addLiveWindow(message);
    }
  };
  live.socket.onclose = (event) => {
    say('stream closed' + (event.reason ? ': ' + event.reason : ''));
    stopLive();
  };
  document.getElementById('live-stop').disabled = false;
}

function stopLive() {
  if (live.node) { live.node.port.onmessage = null; live.node.disconnect(); live.node = null; }
  if (live.stream) { live.stream.getTracks().forEach((t) => t.stop()); live.stream = null; }
  if (live.context) { live.context.close(); live.context = null; }
  if (live.socket && live.socket.readyState === WebSocket.OPEN) {
    live.socket.send(JSON.stringify({ end: true }));
  }
  live.socket = null;
  document.getElementById('live-start').disabled = false;
  document.getElementById('live-stop').disabled = true;
}

function addLiveWindow(m) {
  const label = m.smoothed;
  live.windows.push({ t: m.t, end: m.end_t, label, p: m.p_speech });
  // Only what the timeline shows is kept: a long session stays as cheap to draw as its first minute.
  while (live.windows.length && live.windows[0].end < m.end_t - TIMELINE_SECONDS) {
    live.windows.shift();
  }
  const labelElement = document.getElementById('live-label');
  labelElement.textContent = label;
  labelElement.dataset.label = label;
  document.getElementById('live-p').textContent = m.p_speech === null ? '-' : m.p_speech.toFixed(2);
  const last = live.segments[live.segments.length - 1];
  const list = document.getElementById('live-segments');
  if (last && last.label === label) {
    last.end = m.end_t;
    list.lastElementChild.textContent = describe(last);
  } else {
    const segment = { label, start: m.t, end: m.end_t };
    live.segments.push(segment);
    const item = document.createElement('li');
    item.className = label;
    item.dataset.label = label;
    item.textContent = describe(segment);
    list.appendChild(item);
  }
  if (m.dropped > 0) {
    say('streaming; ' + m.dropped + ' window(s) dropped');
  }
  drawLive();
}

function describe(segment) {
  return segment.label + ' ' + segment.start.toFixed(1) + '-' + segment.end.toFixed(1) + ' s';
}

function drawLive() {
  const canvas = document.getElementById('live-timeline');
  const g = prepare(canvas);
  const w = canvas.width, h = canvas.height;
  const last = live.windows.length ? live.windows[live.windows.length - 1].end : 0;
  const from = Math.max(0, last - TIMELINE_SECONDS);
  const x = (t) => (t - from) / TIMELINE_SECONDS * w;
  g.clearRect(0, 0, w, h);
  const band = h * 0.3;
  for (const win of live.windows) {
    if (win.end < from) continue;
    g.fillStyle = COLOURS[win.label];
    g.fillRect(x(win.t), h - band, Math.max(1, x(win.end) - x(win.t)), band);
  }
  // p(speech) above the band, with the threshold the labels use in the middle of the plot.
  g.strokeStyle = '#1a202c';
  g.lineWidth = 1.5 * devicePixelRatio;
  g.beginPath();
  let started = false;
  for (const win of live.windows) {
    if (win.end < from || win.p === null) { started = false; continue; }
    const y = (h - band) * (1 - win.p);
    if (started) g.lineTo(x((win.t + win.end) / 2), y); else g.moveTo(x((win.t + win.end) / 2), y);
    started = true;
  }
  g.stroke();
}

// ---- files -----------------------------------------------------------------------------------

let chosen = null;

async function upload(file) {
  chosen = file;
  say('segmenting ' + file.name + ' ...');
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await fetch('/v1/segments', { method: 'POST', body: form });
  const body = await response.json();
  if (!response.ok) {
    say(file.name + ': ' + (body.error || response.statusText));
    return;
  }
  showFile(body);
  say(file.name + ': ' + body.segments.length + ' segment(s)');
}

function showFile(result) {
  const rows = document.querySelector('#file-segments tbody');
  rows.replaceChildren();
  const totals = { music: 0, speech: 0, silence: 0 };
  for (const s of result.segments) {
    totals[s.label] += s.end_s - s.start_s;
    const row = document.createElement('tr');
    row.dataset.label = s.label;
    for (const value of [s.start_s.toFixed(2), s.end_s.toFixed(2), s.label, s.confidence.toFixed(2)]) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.appendChild(cell);
    }
    row.children[2].className = 'label-cell';
    row.children[2].style.setProperty('--c', COLOURS[s.label]);
    rows.appendChild(row);
  }
  const share = (label) => (100 * totals[label] / Math.max(result.duration_s, 1e-9)).toFixed(0) + ' %';
  document.getElementById('file-summary').textContent = result.file + ': ' + result.duration_s.toFixed(1) + ' s; music '
    + share('music') + ', speech ' + share('speech') + ', silence ' + share('silence');
  document.getElementById('downloads').hidden = false;
  drawFile(result);
}

function drawFile(result) {
  const canvas = document.getElementById('file-timeline');
  const g = prepare(canvas);
  const w = canvas.width, h = canvas.height;
  g.clearRect(0, 0, w, h);
  const x = (t) => t / Math.max(result.duration_s, 1e-9) * w;
  for (const s of result.segments) {
    g.fillStyle = COLOURS[s.label];
    g.fillRect(x(s.start_s), 0, Math.max(1, x(s.end_s) - x(s.start_s)), h);
  }
  canvas.dataset.segments = String(result.segments.length);
}

async function download(format) {
  if (!chosen) return;
  const form = new FormData();
  form.append('file', chosen, chosen.name);
  const response = await fetch('/v1/segments?format=' + format, { method: 'POST', body: form });
  if (!response.ok) {
    say('download failed: ' + response.statusText);
    return;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  const stem = chosen.name.replace(/\.[^.]*$/, '');
  link.download = stem + { csv: '.csv', textgrid: '.TextGrid', audacity: '.txt' }[format];
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

// A canvas drawn at the screen's pixel density, sized to its box.
function prepare(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return canvas.getContext('2d');
}

// ---- wiring ----------------------------------------------------------------------------------

document.getElementById('live-start').addEventListener('click', startLive);
document.getElementById('live-stop').addEventListener('click', stopLive);
const drop = document.getElementById('drop');
const input = document.getElementById('file-input');
input.addEventListener('change', () => { if (input.files.length) upload(input.files[0]); });
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  if (e.dataTransfer.files.length) upload(e.dataTransfer.files[0]);
});
document.querySelectorAll('#downloads a').forEach((a) => a.addEventListener('click', (e) => {
  e.preventDefault();
  download(a.dataset.format);
}));
