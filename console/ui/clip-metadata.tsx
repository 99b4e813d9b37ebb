import type { Locale } from '../../shared/i18n/locale';
import type { ClipPage } from '../../shared/schemas/clip';
import type { T } from '../i18n';
import { Card, Item, when } from './record-parts';

/** Props of ClipMetadata: the clipped page of an extension record. */
export interface ClipMetadataProps {
  t: T;
  page: ClipPage;
  locale: Locale;
  timeZone: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * What the extension read from a clipped page: author, site, publication time, description and the
 * page's text. Page text is shown in the page's own language and direction (a right-to-left page
 * reads right to left), one paragraph per line, as text, never as HTML.
 */
export function ClipMetadata({ t, page, locale, timeZone }: ClipMetadataProps) {
  const reader = page.reader;
  if (!reader && !page.readableText) return null;
  const dir = reader?.dir ?? 'auto';
  const lang = reader?.lang;
  const published = reader?.publishedTime;
  return (
    <Card id="clip" title={t('console.clip.title')}>
      <div data-testid="clip-metadata">
        <p class="clip-page-title" dir={dir} lang={lang}>
          {page.title || page.url}
        </p>
        <dl class="facts">
          {reader?.author && <Item label={t('console.clip.author')}><span dir={dir} lang={lang}>{reader.author}</span></Item>}
          {reader?.siteName && <Item label={t('console.clip.site')}><span dir={dir} lang={lang}>{reader.siteName}</span></Item>}
          {published && (
            <Item label={t('console.clip.published')}>{ISO_INSTANT.test(published) && !Number.isNaN(Date.parse(published)) ? when(published, locale, timeZone) : published}</Item>
          )}
        </dl>
        {reader?.description && (
          <>
            <h3>{t('console.clip.description')}</h3>
            <p class="prose" dir={dir} lang={lang} data-testid="clip-description">
              {reader.description}
            </p>
          </>
        )}
        {page.readableText && (
          <details dir={dir} lang={lang}>
            <summary lang={locale}>{t('console.clip.text')}</summary>
            {reader?.readableSource === 'budget_fallback' && (
              <p class="muted" dir="auto" lang={locale}>
                {t('console.clip.fallback')}
              </p>
            )}
            {page.readableText.split('\n').map((line, i) => (
              <p key={i} class="prose" data-testid="clip-paragraph">
                {line}
              </p>
            ))}
          </details>
        )}
      </div>
    </Card>
  );
}
