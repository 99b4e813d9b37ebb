import { useState } from 'preact/hooks';
import { v7 as uuidv7 } from 'uuid';
import { CATEGORIES, CUSTOMER_TYPES, INITIAL_PRIORITIES, type Category, type Channel, type CustomerType, type InitialPriority, type Source } from '../../shared/schemas/enums';
import type { AttachmentMeta } from '../../shared/schemas/attachment';
import type { RecordCreateBody } from '../../shared/schemas/record-create';
import type { Locale } from '../../shared/schemas/common';
import { consentedContactOf } from '../../shared/domain/consented-contact';
import { LIMITS } from '../../shared/schemas/common';
import { coachProblem } from '../../shared/domain/coaching';
import { maskContact, maskName, maskText } from '../../shared/domain/masking';
import { RECORDING_HOURS } from '../../shared/domain/deadlines';
import { instantOfLocalTime } from '../../shared/domain/zoned-time';
import type { ApiClient } from '../api/client';
import type { Viewer } from '../models/record';
import { errorText, textOf, type T } from '../i18n';
import { EnumSelect, Labelled, ZoneNote } from './record-parts';

/** Where staff meet customers (DOMAIN.md §1): sales, product and support. */
const SOURCES = ['sales', 'product', 'customer_service'] as const satisfies readonly Source[];
/** The channels a typed-in record comes through. */
const CHANNELS = ['call', 'meeting', 'interview', 'email', 'chat'] as const satisfies readonly Channel[];

/** Props of NewRecordPage. */
export interface NewRecordPageProps {
  t: T;
  /** The console's language, which the customer is written to in: the one staff spoke with them in. */
  locale: Locale;
  /** The company's zone: the contact time typed is a time there. */
  timeZone: string;
  api: ApiClient;
  viewer: Viewer & { department: string };
  onCreated(recordNumber: string): void;
  onCancel(): void;
  now?: () => Date;
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement).value;
const masked = (text: string) => {
  const m = maskText(text);
  return m.ok ? m.value : text;
};

/**
 * A record typed in by sales, product or support without the extension: the widget's coaching on
 * the problem, masking before anything leaves the browser (names, phone numbers, e-mail), source
 * and channel, the contact time for the 24-hour recording rule, and attachments.
 */
export function NewRecordPage({ t, locale, timeZone, api, viewer, onCreated, onCancel, now = () => new Date() }: NewRecordPageProps) {
  const [source, setSource] = useState<string>(viewer.role === 'agent' ? 'customer_service' : 'product');
  const [channel, setChannel] = useState<string>('call');
  const [contactedAt, setContactedAt] = useState('');
  const [category, setCategory] = useState<string>('feature_request');
  const [customerType, setCustomerType] = useState('');
  const [customerName, setCustomerName] = useState('');
  const [company, setCompany] = useState(false);
  const [consent, setConsent] = useState(false);
  const [contact, setContact] = useState('');
  const [scenario, setScenario] = useState('');
  const [problem, setProblem] = useState('');
  const [expected, setExpected] = useState('');
  const [priority, setPriority] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const coaching = coachProblem(problem, { scenario });
  const maskedName = customerName.trim() ? maskName(customerName, { kind: company ? 'company' : 'person' }) : null;
  const maskedContact = consent && contact.trim() ? maskContact(contact) : null;
  // Read in the company's zone, like every time the console shows, not the browser's.
  const read = contactedAt ? instantOfLocalTime(contactedAt, timeZone) : null;
  const contactTime = read?.ok ? read.value : null;
  const late = contactTime !== null && now().getTime() - contactTime.getTime() > RECORDING_HOURS * 3_600_000;

  const submit = async (e: Event) => {
    e.preventDefault();
    setTouched(true);
    if (coaching.reasons.includes('empty') || busy) return;
    setBusy(true);
    setError(null);
    const attachments: AttachmentMeta[] = [];
    for (const file of files) {
      const type = file.type || 'application/octet-stream';
      const up = await api.uploadAttachment(file, type);
      if (!up.ok) {
        setBusy(false);
        setError(up.failure.code);
        return;
      }
      attachments.push({ id: uuidv7(), name: file.name.slice(0, 255), mimeType: type, size: file.size, sha256: up.value.sha256, capturedAt: now().toISOString() });
    }
    const consented = consentedContactOf({ typed: contact, consent, locale, name: company ? undefined : customerName });
    const input: RecordCreateBody = {
      id: uuidv7(),
      department: viewer.department,
      source: source as Source,
      channel: channel as Channel,
      channelMode: 'active',
      category: category as Category,
      problem: masked(problem.trim()),
      ...(scenario.trim() ? { scenario: masked(scenario.trim()) } : {}),
      ...(expected.trim() ? { expectedSolution: masked(expected.trim()) } : {}),
      ...(customerType ? { customerType: customerType as CustomerType } : {}),
      ...(maskedName?.ok && maskedName.value ? { customerName: maskedName.value, customerKind: company ? 'enterprise' : 'individual' } : {}),
      contactConsent: consent,
      ...(maskedContact?.ok && maskedContact.value.masked ? { contact: maskedContact.value.masked } : {}),
      // Unmasked, for the vault only: the server stores it encrypted with the record (DOMAIN.md §13).
      ...(consented ? { consentedContact: consented } : {}),
      ...(priority ? { initialPriority: priority as InitialPriority } : {}),
      attachments,
      initiator: { id: viewer.id, name: viewer.name },
      recordedAt: now().toISOString(),
      origin: { kind: 'manual', ...(contactTime ? { contactedAt: contactTime.toISOString() } : {}) },
    };
    const result = await api.createRecord(input);
    setBusy(false);
    if (result.ok) onCreated(result.value.record.recordNumber);
    else setError(result.failure.code);
  };

  const followUp = (touched || problem.length > 0) && coaching.followUpKey ? textOf(t, coaching.followUpKey) : null;
  return (
    <main id="main" class="page page-narrow page-new-record" aria-labelledby="new-record-title">
      <button type="button" class="button button-quiet button-small" onClick={onCancel}>
        ← {t('console.record.back')}
      </button>
      <h1 id="new-record-title">{t('console.new.title')}</h1>
      <p class="muted">{t('console.new.lead')}</p>
      <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
        <section class="card" aria-labelledby="new-where">
          <h2 id="new-where">{t('console.new.where')}</h2>
          <div class="form-grid form-grid-3">
            <Labelled id="new-source" label={t('field.source')}>
              <EnumSelect id="new-source" t={t} name="source" codes={SOURCES} value={source} onChange={setSource} required />
            </Labelled>
            <Labelled id="new-channel" label={t('field.channel')}>
              <EnumSelect id="new-channel" t={t} name="channel" codes={CHANNELS} value={channel} onChange={setChannel} required />
            </Labelled>
            <Labelled id="new-contacted" label={t('console.new.contactedAt')} hint={t('console.new.contactedHint')}>
              <input id="new-contacted" type="datetime-local" value={contactedAt} onInput={(e) => setContactedAt(value(e))} />
              <ZoneNote t={t} locale={locale} timeZone={timeZone} />
            </Labelled>
          </div>
          {late && (
            <p class="banner banner-warn" role="status">
              {t('console.new.late')}
            </p>
          )}
        </section>
        <section class="card" aria-labelledby="new-customer">
          <h2 id="new-customer">{t('console.record.customer')}</h2>
          <div class="form-grid form-grid-2">
            <Labelled id="new-customer-type" label={t('field.customerType')}>
              <EnumSelect id="new-customer-type" t={t} name="customerType" codes={CUSTOMER_TYPES} value={customerType} onChange={setCustomerType} />
            </Labelled>
            <Labelled id="new-customer-name" label={t('field.customerName')} hint={maskedName?.ok && maskedName.value ? t('console.new.storedAs', { value: maskedName.value }) : t('console.new.nameHint')}>
              <input id="new-customer-name" value={customerName} maxLength={200} onInput={(e) => setCustomerName(value(e))} />
            </Labelled>
          </div>
          <label class="check">
            <input type="checkbox" checked={company} onChange={(e) => setCompany((e.target as HTMLInputElement).checked)} />
            {t('console.new.company')}
          </label>
          <label class="check">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent((e.target as HTMLInputElement).checked)} />
            {t('console.new.consent')}
          </label>
          {consent && (
            <Labelled id="new-contact" label={t('field.contact')} hint={maskedContact?.ok && maskedContact.value.masked ? t('console.new.storedAs', { value: maskedContact.value.masked }) : t('console.new.contactHint')}>
              <input id="new-contact" value={contact} maxLength={200} onInput={(e) => setContact(value(e))} />
            </Labelled>
          )}
        </section>
        <section class="card" aria-labelledby="new-what">
          <h2 id="new-what">{t('console.record.texts')}</h2>
          <div class="form-grid">
            <Labelled id="new-category" label={t('field.category')}>
              <EnumSelect id="new-category" t={t} name="category" codes={CATEGORIES} value={category} onChange={setCategory} required />
            </Labelled>
            <Labelled id="new-scenario" label={t('field.scenario')}>
              <input id="new-scenario" maxLength={LIMITS.text} value={scenario} onInput={(e) => setScenario(value(e))} />
            </Labelled>
            <div class="field">
              <label for="new-problem">{t('field.problem')}</label>
              <textarea id="new-problem" rows={4} maxLength={LIMITS.text} value={problem} required aria-invalid={touched && coaching.reasons.includes('empty')} aria-describedby="new-problem-coach" onInput={(e) => setProblem(value(e))} />
              <span id="new-problem-coach" class={followUp ? 'coach' : 'hint'} aria-live="polite">
                {followUp ?? t('coaching.hint')}
              </span>
            </div>
            <Labelled id="new-expected" label={t('field.expectedSolution')}>
              <textarea id="new-expected" rows={2} maxLength={LIMITS.text} value={expected} onInput={(e) => setExpected(value(e))} />
            </Labelled>
            <div class="form-grid form-grid-2">
              <Labelled id="new-priority" label={t('field.initialPriority')}>
                <EnumSelect id="new-priority" t={t} name="initialPriority" codes={INITIAL_PRIORITIES} value={priority} onChange={setPriority} />
              </Labelled>
              <Labelled id="new-files" label={t('field.attachments')} hint={files.map((f) => f.name).join(', ') || t('console.new.filesHint')}>
                <input id="new-files" type="file" multiple onChange={(e) => setFiles([...((e.target as HTMLInputElement).files ?? [])])} />
              </Labelled>
            </div>
          </div>
        </section>
        {error && (
          <p class="banner banner-error" role="alert">
            {errorText(t, error)}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? t('console.new.saving') : t('console.new.submit')}
          </button>
          <span class="hint">{t('console.new.maskNote')}</span>
        </div>
      </form>
    </main>
  );
}
