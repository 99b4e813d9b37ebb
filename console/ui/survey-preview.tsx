import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '../../shared/i18n/locale';
import type { Survey } from '../../shared/schemas/survey';
import type { T } from '../i18n';

/** Where the widget's preview page is served (server/routes/survey-preview.ts). */
const PREVIEW_PAGE = '/widget/survey-preview.html';

/** Props of SurveyPreview. */
export interface SurveyPreviewProps {
  t: T;
  /** The draft, or null while it is not a valid survey. */
  survey: Survey | null;
  theme: 'light' | 'dark';
  initialLocale: Locale;
}

/*
 * Why an iframe: the console may not import widget code (ARCHITECTURE.md: the front ends meet only
 * in shared/ and over HTTP), yet the preview must be the widget's own survey card, not a look-alike
 * that drifts. So the server serves a page with the built widget's survey card
 * (widget/survey-preview.tsx), framed here with `sandbox="allow-scripts"`: an opaque origin that
 * cannot read the console's cookies or storage, under a CSP that lets it connect nowhere. The draft
 * goes in by postMessage; nothing is stored and no answer can be sent.
 */

/** The draft survey as visitors will see it, in either language. */
export function SurveyPreview({ t, survey, theme, initialLocale }: SurveyPreviewProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  const [locale, setLocale] = useState<Locale>(initialLocale);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.source === frame.current?.contentWindow && (e.data as { type?: unknown } | null)?.type === 'echobox:survey-preview-ready') setReady(true);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  useEffect(() => {
    // The sandboxed page's origin is opaque, so no target origin can name it; the draft is no secret.
    if (ready) frame.current?.contentWindow?.postMessage({ type: 'echobox:survey-preview', survey, locale, theme }, '*');
  }, [ready, survey, locale, theme]);
  return (
    <section class="card builder-preview" aria-labelledby="preview-title">
      <div class="card-head">
        <h2 id="preview-title">{t('campaign.builder.preview')}</h2>
        <div class="segmented" role="group" aria-label={t('campaign.builder.previewLocale')}>
          {(['zh-CN', 'en'] as const).map((l) => (
            <button key={l} type="button" aria-pressed={locale === l ? 'true' : 'false'} onClick={() => setLocale(l)}>
              {l === 'en' ? 'English' : '中文'}
            </button>
          ))}
        </div>
      </div>
      <p class="hint">{t('campaign.builder.previewHint')}</p>
      {!survey && <p class="hint">{t('campaign.builder.previewInvalid')}</p>}
      <iframe ref={frame} class="preview-frame" title={t('campaign.builder.previewFrame')} src={PREVIEW_PAGE} sandbox="allow-scripts" />
    </section>
  );
}
