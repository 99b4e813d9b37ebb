import { CATEGORIES, CHANNELS, CUSTOMER_TYPES, INITIAL_PRIORITIES, SOURCES } from '../../../shared/schemas/enums';
import { LOCALES } from '../../../shared/schemas/common';
import { errorMessageKey } from '../../../shared/schemas/error-codes';
import { t, tKey, type ExtensionMessageKey } from '../../i18n/t';
import type { ExtensionOptions } from '../../storage/extension-options';
import { HELPDESK_ORIGINS, type OptionsModel } from './options-model';

/** The options page: server, token (with check), department, name, language, defaults, helpdesk access. */
export function OptionsForm({ model }: { model: OptionsModel }) {
  const v = model.values.value;
  if (!v) return null;
  const locale = v.locale;
  const problems = model.problems.value;
  const check = model.checkState.value;
  const input = (key: 'serverUrl' | 'token' | 'department' | 'initiatorName', label: ExtensionMessageKey, type = 'text') => (
    <label class="field">
      <span class="label">{tKey(locale, label)}</span>
      <input
        name={key}
        type={type}
        value={v[key]}
        autoComplete="off"
        aria-invalid={problems[key as 'serverUrl'] ? true : undefined}
        onInput={(e) => model.set(key, (e.currentTarget as HTMLInputElement).value)}
      />
      {problems[key as 'serverUrl'] && <span class="field-error">{tKey(locale, problems[key as 'serverUrl']!)}</span>}
    </label>
  );
  const defaultSelect = (key: keyof ExtensionOptions['defaults'], codes: readonly string[], enumName: string, required = false) => (
    <label class="field">
      <span class="label">{t(locale, `field.${key}` as 'field.category')}</span>
      <select
        name={`default-${key}`}
        value={(v.defaults[key] as string | undefined) ?? ''}
        onChange={(e) => model.setDefault(key, ((e.currentTarget as HTMLSelectElement).value || undefined) as never)}
      >
        {!required && <option value="">{t(locale, 'ext.form.choose')}</option>}
        {codes.map((code) => (
          <option key={code} value={code}>
            {t(locale, `enum.${enumName}.${code}` as 'enum.category.other')}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      class="options"
      lang={locale}
      onSubmit={(e) => {
        e.preventDefault();
        void model.save();
      }}
    >
      <h1>{t(locale, 'ext.options.title')}</h1>
      {input('serverUrl', 'ext.options.server_url', 'url')}
      {input('token', 'ext.options.token', 'password')}
      {input('department', 'ext.options.department')}
      {input('initiatorName', 'ext.options.initiator')}
      <label class="field">
        <span class="label">{t(locale, 'ext.options.locale')}</span>
        <select name="locale" value={v.locale} onChange={(e) => model.set('locale', (e.currentTarget as HTMLSelectElement).value as ExtensionOptions['locale'])}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {l === 'zh-CN' ? '简体中文' : 'English'}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t(locale, 'ext.options.defaults')}</legend>
        {defaultSelect('source', SOURCES, 'source', true)}
        {defaultSelect('channel', CHANNELS, 'channel', true)}
        {defaultSelect('category', CATEGORIES, 'category')}
        {defaultSelect('customerType', CUSTOMER_TYPES, 'customerType')}
        {defaultSelect('initialPriority', INITIAL_PRIORITIES, 'initialPriority')}
      </fieldset>
      <div class="row">
        <button type="submit" class="primary" data-testid="save-options">
          {t(locale, 'ext.options.save')}
        </button>
        <button type="button" onClick={() => void model.runCheck()}>
          {t(locale, 'ext.options.check')}
        </button>
      </div>
      {model.saved.value && <p class="ok" data-testid="options-saved">{t(locale, 'ext.options.saved')}</p>}
      <p role="status" data-testid="check-result" data-state={check.state}>
        {check.state === 'checking' && t(locale, 'ext.options.checking')}
        {check.state === 'ok' && t(locale, 'ext.options.check_ok', { name: check.name, role: t(locale, `enum.role.${check.role}` as 'enum.role.agent') })}
        {check.state === 'failed' && tKey(locale, check.key, { reason: check.code ? t(locale, errorMessageKey(check.code)) : '' })}
      </p>
      <fieldset>
        <legend>{t(locale, 'ext.options.helpdesks')}</legend>
        <p class="hint">{t(locale, 'ext.options.helpdesks_hint')}</p>
        {HELPDESK_ORIGINS.map((origin) => (
          <div class="row" key={origin}>
            <code>{origin}</code>
            {model.granted.value[origin] ? (
              <span class="ok">{t(locale, 'ext.options.granted')}</span>
            ) : (
              <button type="button" onClick={() => void model.grant(origin)}>
                {t(locale, 'ext.options.grant')}
              </button>
            )}
          </div>
        ))}
      </fieldset>
    </form>
  );
}
