import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { cancelPick, pickElement, previewRules } from '../../../extension/teach/teach-page';
import { extractTicket } from '../../../shared/capture/extract-ticket';
import { fixtureUrl, loadFixture } from '../capture/load-fixture';

const URL_OF_DESK = 'https://desk.acme.example/t/42';
const page = () => {
  const window = new Window({ url: URL_OF_DESK });
  window.document.write(`<main>
    <h1 data-testid="ticket-subject">Export <b>stalls</b></h1>
    <a class="requester" href="/u/1">Ann Li</a>
    <span class="num">#42</span>
    <div class="msgs"><p class="msg">First words</p><p class="msg">Second words</p></div>
  </main>`);
  return window.document as unknown as Document;
};

const fire = (doc: Document, target: EventTarget, type: string, init: Record<string, unknown> = {}) => {
  const view = doc.defaultView as unknown as { MouseEvent: typeof MouseEvent; KeyboardEvent: typeof KeyboardEvent };
  const Ctor = type.startsWith('key') ? view.KeyboardEvent : view.MouseEvent;
  target.dispatchEvent(new Ctor(type, { bubbles: true, cancelable: true, ...init }));
};

describe('picking an element on the page', () => {
  it('hover highlights, click picks the proposed selector, and the page never sees the click', async () => {
    const doc = page();
    let pageSawClick = false;
    doc.querySelector('h1')!.addEventListener('click', () => (pageSawClick = true));
    const picked = pickElement(doc, 'subject', 'click the subject');
    expect(doc.querySelector('echobox-teach')).not.toBeNull();
    fire(doc, doc.querySelector('h1 b')!, 'mouseover');
    fire(doc, doc.querySelector('h1')!, 'click');
    expect(await picked).toEqual({ selector: '[data-testid="ticket-subject"]', value: 'Export stalls' });
    expect(pageSawClick).toBe(false);
    expect(doc.querySelector('echobox-teach')).toBeNull();
  });

  it('arrow up widens to the parent and Enter picks it; a body pick finds every message like it', async () => {
    const doc = page();
    const picked = pickElement(doc, 'subject', 'x');
    fire(doc, doc.querySelector('h1 b')!, 'mouseover');
    fire(doc, doc, 'keydown', { key: 'ArrowUp' });
    fire(doc, doc, 'keydown', { key: 'Enter' });
    expect((await picked)?.selector).toBe('[data-testid="ticket-subject"]');
    const body = pickElement(doc, 'body', 'x');
    fire(doc, doc.querySelectorAll('.msg')[1]!, 'click');
    expect(await body).toEqual({ selector: 'p.msg', value: 'Second words' });
  });

  it('Esc and the panel’s stop both end the pick with nothing and remove the overlay', async () => {
    const doc = page();
    const escaped = pickElement(doc, 'status', 'x');
    fire(doc, doc, 'keydown', { key: 'Escape' });
    expect(await escaped).toBeNull();
    const stopped = pickElement(doc, 'status', 'x');
    cancelPick();
    expect(await stopped).toBeNull();
    expect(doc.querySelector('echobox-teach')).toBeNull();
  });
});

describe('the live preview', () => {
  it('reads the taught fields through the shared extraction and builds a valid definition', () => {
    const preview = previewRules(page(), URL_OF_DESK, {
      subject: { selector: '[data-testid="ticket-subject"]' },
      requester: { selector: 'a.requester' },
      ticketId: { selector: 'span.num' },
      body: { selector: 'p.msg' },
    });
    expect(preview.issues).toEqual([]);
    expect(preview.values).toEqual({ subject: 'Export stalls', requester: '*', ticketId: '42', body: 'First words' });
    expect(preview.messageCount).toBe(2);
    expect(preview.definition).toMatchObject({ id: 'taught-desk-acme-example', urls: [{ host: 'desk.acme.example', path: '/t/*' }] });
  });

  it('names the field whose edited selector the schema refuses', () => {
    const preview = previewRules(page(), URL_OF_DESK, { subject: { selector: 'h1' }, body: { selector: 'p.msg { x }' } });
    expect(preview.definition).toBeNull();
    expect(preview.issues.map((i) => i.field)).toEqual(['body']);
  });

  it('a definition taught on a fixture reads in a clip what the preview showed', () => {
    const url = fixtureUrl('zendesk-agent-workspace');
    const preview = previewRules(loadFixture('zendesk-agent-workspace'), url, {
      subject: { selector: 'input[data-test-id="omni-header-subject"]' },
    });
    const ticket = extractTicket(loadFixture('zendesk-agent-workspace'), url, preview.definition!).ticket!;
    expect(ticket.subject).toBe(preview.values.subject);
    expect(ticket.ticketId).toBe('48213');
  });
});
