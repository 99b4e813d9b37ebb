import { useState } from 'preact/hooks';
import type { Locale } from '../../../shared/schemas/common';
import type { RecordInput } from '../../../shared/schemas/record';
import type { FieldIssue } from '../../../shared/schemas/problem';
import { isMessageKey, t, tKey } from '../../i18n/t';
import type { RecordRow } from '../panel/panel-model';

/** Props: the rows and the actions on rejected and conflicting records. */
export interface RecordListProps {
  locale: Locale;
  rows: RecordRow[];
  onResend: (id: string, edited?: RecordInput) => Promise<FieldIssue[] | null>;
  onKeepServer: (id: string) => void;
}

function reasonText(locale: Locale, row: RecordRow): string {
  const code = row.entry.error?.code;
  const key = code ? `error.${code}` : '';
  return isMessageKey(key) ? tKey(locale, key) : (row.entry.error?.message ?? '');
}

function StateLine({ locale, row }: { locale: Locale; row: RecordRow }) {
  const { entry } = row;
  switch (entry.state) {
    case 'synced':
      return <span class="state synced">{t(locale, 'ext.state.synced', { number: entry.result?.recordNumber ?? '' })}</span>;
    case 'rejected':
      return <span class="state rejected">{t(locale, 'ext.state.rejected', { reason: reasonText(locale, row) })}</span>;
    case 'conflict':
      return <span class="state conflict">{t(locale, 'ext.state.conflict')}</span>;
    case 'sending':
      return <span class="state">{t(locale, 'ext.state.sending')}</span>;
    default:
      return <span class="state queued">{t(locale, 'ext.state.queued')}</span>;
  }
}

/** Edit the texts of a rejected record and send it again (the server's field issues are shown). */
function RejectedEditor({ locale, row, onResend }: { locale: Locale; row: RecordRow; onResend: RecordListProps['onResend'] }) {
  const [edited, setEdited] = useState<RecordInput>(row.entry.payload);
  const [issues, setIssues] = useState<FieldIssue[]>(row.entry.error?.errors ?? []);
  const fields = ['problem', 'scenario', 'expectedSolution', 'customerName'] as const;
  return (
    <form
      class="rejected-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void onResend(row.entry.id, edited).then((result) => setIssues(result ?? []));
      }}
    >
      {fields.map((field) => (
        <label class="field" key={field}>
          <span class="label">{t(locale, `field.${field}`)}</span>
          <textarea
            name={field}
            rows={2}
            value={(edited[field] as string | undefined) ?? ''}
            onInput={(e) => {
              const value = (e.currentTarget as HTMLTextAreaElement).value;
              const next = { ...edited } as Record<string, unknown>;
              if (value.trim()) next[field] = value;
              else delete next[field];
              setEdited(next as RecordInput);
            }}
          />
          {issues.some((i) => i.path[0] === field) && <span class="field-error">{t(locale, 'ext.form.invalid')}</span>}
        </label>
      ))}
      <button type="submit">{t(locale, 'ext.record.edit')}</button>
    </form>
  );
}

/** Local record next to the server's copy (conflict): the fields people compare. */
function Versions({ locale, row }: { locale: Locale; row: RecordRow }) {
  const server = (row.entry.serverCopy ?? {}) as Partial<RecordInput>;
  const mine = row.entry.payload;
  const fields = ['problem', 'customerName', 'category', 'scenario'] as const;
  return (
    <table class="versions">
      <thead>
        <tr>
          <th />
          <th>{t(locale, 'ext.record.mine')}</th>
          <th>{t(locale, 'ext.record.server')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f}>
            <th>{t(locale, `field.${f}`)}</th>
            <td>{String(mine[f] ?? '')}</td>
            <td>{String(server[f] ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The staff member's records on this device with their sync state and server status. */
export function RecordList({ locale, rows, onResend, onKeepServer }: RecordListProps) {
  if (rows.length === 0) return <p class="hint">{t(locale, 'ext.panel.no_records')}</p>;
  return (
    <ul class="records" data-testid="record-list">
      {rows.map((row) => (
        <li key={row.entry.id} data-record-id={row.entry.id} data-state={row.entry.state}>
          <p class="problem">{row.entry.payload.problem}</p>
          <StateLine locale={locale} row={row} />
          {row.status && (
            <span class="status" data-testid="record-status">
              {' · '}
              {t(locale, 'ext.record.status', { status: t(locale, `enum.status.${row.status.status}`) })}
            </span>
          )}
          {row.status?.lastCommunication && (
            <p class="hint" data-testid="record-last-message">
              {t(locale, 'ext.record.last_message', {
                kind: t(locale, `enum.communicationKind.${row.status.lastCommunication.kind}`),
                message: row.status.lastCommunication.message,
              })}
            </p>
          )}
          {row.status?.satisfaction && (
            <p class="hint" data-testid="record-rating">
              {t(locale, 'ext.record.rating', { rating: t(locale, `enum.satisfaction.${row.status.satisfaction.rating}`) })}
            </p>
          )}
          {row.entry.state === 'rejected' && <RejectedEditor locale={locale} row={row} onResend={onResend} />}
          {row.entry.state === 'conflict' && (
            <>
              <Versions locale={locale} row={row} />
              <button type="button" onClick={() => onKeepServer(row.entry.id)}>
                {t(locale, 'ext.record.keep_server')}
              </button>
            </>
          )}
          {row.entry.state === 'queued' && row.entry.attempts > 0 && (
            <button type="button" class="quiet" onClick={() => void onResend(row.entry.id)}>
              {t(locale, 'ext.record.resend')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
