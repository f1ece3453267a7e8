// Web chat client: renders the channel-neutral Reply (text, choices, cards, image, files)
// and the sources of each turn. Everything from the server is inserted as text, never as HTML.
(() => {
  'use strict';
  const log = document.getElementById('log');
  const form = document.getElementById('composer');
  const input = document.getElementById('input');
  const send = document.getElementById('send');
  const SESSION_KEY = 'tsunagu.sessionId';

  function sessionId() {
    let id = localStorage.getItem(SESSION_KEY);
    if (!id || !/^[A-Za-z0-9_-]{8,128}$/.test(id)) {
      const bytes = crypto.getRandomValues(new Uint8Array(24));
      id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      localStorage.setItem(SESSION_KEY, id);
    }
    return id;
  }

  const el = (tag, props = {}, children = []) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c) node.append(c);
    return node;
  };
  const safeUrl = (u) => {
    try {
      const url = new URL(u, location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
    } catch {
      return undefined;
    }
  };
  const scrollDown = () => log.scrollTo({ top: log.scrollHeight, behavior: 'smooth' });

  function button(action) {
    const b = el('button', { type: 'button', text: action.label });
    b.addEventListener('click', () => {
      b.closest('.msg')?.querySelectorAll('.choices button').forEach((x) => (x.disabled = true));
      post({ postback: action.id }, action.label);
    });
    return b;
  }

  function renderCard(card) {
    const fields = (card.fields || []).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]);
    return el('div', { class: 'card' }, [
      el('h3', { text: card.title }),
      card.subtitle ? el('p', { class: 'subtitle', text: card.subtitle }) : null,
      fields.length ? el('dl', {}, fields) : null,
      card.actions?.length ? el('div', { class: 'card-actions' }, card.actions.map(button)) : null,
    ]);
  }

  function renderSources(citations) {
    const items = citations.map((c) => {
      const url = c.url && safeUrl(c.url);
      const title = c.section ? `${c.title}（${c.section}）` : c.title;
      return el('li', {}, [url ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: title }) : document.createTextNode(title), c.quote ? el('q', { text: c.quote }) : null]);
    });
    return el('details', { class: 'sources' }, [el('summary', { text: `出典（${citations.length}件）` }), el('ol', {}, items)]);
  }

  function addBot(reply, citations, role = 'bot') {
    const children = [el('span', { class: 'who', text: role === 'staff' ? '担当者' : 'つなぐ' }), document.createTextNode(reply.text)];
    const img = reply.image && safeUrl(reply.image.url);
    if (img) children.push(el('img', { class: 'chart', src: img, alt: reply.image.alt, loading: 'lazy' }));
    if (reply.cards?.length) children.push(el('div', { class: 'cards' }, reply.cards.map(renderCard)));
    if (reply.files?.length) {
      children.push(el('div', { class: 'files' }, reply.files.map((f) => (safeUrl(f.url) ? el('a', { href: safeUrl(f.url), download: f.name, text: `📄 ${f.name}` }) : null))));
    }
    if (reply.choices?.length) children.push(el('div', { class: 'choices' }, reply.choices.map(button)));
    if (citations?.length) children.push(renderSources(citations));
    log.append(el('div', { class: `msg ${role}` }, children));
  }
  const addOwner = (text) => log.append(el('div', { class: 'msg owner' }, [document.createTextNode(text)]));

  let busy = false;
  async function post(body, shown) {
    if (busy) return;
    busy = true;
    send.disabled = true;
    if (shown) addOwner(shown);
    const typing = el('div', { class: 'typing', text: 'つなぐが考えています…' });
    log.append(typing);
    scrollDown();
    try {
      const res = await fetch('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sessionId: sessionId(), ...body }) });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(data?.error?.message || `HTTP ${res.status}`);
      data.messages.forEach((m, i) => addBot(m, i === data.messages.length - 1 ? data.meta.citations : []));
    } catch {
      log.append(el('div', { class: 'msg bot error', text: '通信がうまくいきませんでした。電波の良いところで、もう一度お試しください。' }));
    } finally {
      typing.remove();
      busy = false;
      send.disabled = false;
      scrollDown();
    }
  }

  async function restore() {
    try {
      const res = await fetch(`/api/chat/history?sessionId=${encodeURIComponent(sessionId())}`);
      const { entries } = await res.json();
      for (const e of entries) {
        if (e.role === 'owner') addOwner(e.text);
        else if (e.role === 'assistant' || e.role === 'staff') addBot({ text: e.text }, [], e.role === 'staff' ? 'staff' : 'bot');
      }
      if (entries.length) log.append(el('div', { class: 'typing', text: '― ここまでの会話 ―' }));
      return entries.length;
    } catch {
      return 0;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    input.style.height = '';
    post({ text }, text);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener('input', () => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 128)}px`;
  });
  document.getElementById('menu-button').addEventListener('click', () => post({ postback: 'menu:welcome' }));

  restore().then((n) => post({ postback: n ? 'menu:resume' : 'menu:welcome' }));
})();
