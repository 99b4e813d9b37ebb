import type { Campaign } from '../../shared/schemas/survey';
import type { T } from '../i18n';
import { enumLabel } from './labels';

/** "Running" or "Stopped" as a coloured label; the colour repeats what the text says. */
export function CampaignState({ t, active }: { t: T; active: boolean }) {
  return <span class={`pill pill-campaign-${active ? 'running' : 'stopped'}`}>{t(active ? 'campaign.state.running' : 'campaign.state.stopped')}</span>;
}

/** A campaign's period as people say it: the label, the dates, or both. */
export const periodText = (c: Campaign): string => {
  const dates = c.period.from && c.period.to ? `${c.period.from} – ${c.period.to}` : '';
  return [c.period.label, dates].filter(Boolean).join(' · ');
};

/** The feedback types a campaign wants, in words. */
export const typesText = (t: T, c: Campaign): string => c.categories.map((code) => enumLabel(t, 'category', code)).join(' · ');

/** A link inside the console: navigates without reloading, opens a new tab with a modifier key. */
export function ConsoleLink({ href, onNavigate, children, class: className }: { href: string; onNavigate(path: string): void; children: preact.ComponentChildren; class?: string }) {
  return (
    <a
      href={href}
      class={className}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        onNavigate(href);
      }}
    >
      {children}
    </a>
  );
}
