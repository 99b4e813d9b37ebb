/** One language's messages, made by console/build.ts from shared/i18n/catalog.ts (`console-messages:en`, `console-messages:zh-CN`). */
declare module 'console-messages:*' {
  const messages: Readonly<Record<string, string>>;
  export default messages;
}
