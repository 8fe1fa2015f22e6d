/**
 * `oauth-connect/vue`: registers `<oauth-connect>` and types it in Vue 3 templates (`vue-tsc`, Volar). Vue
 * still has to be told the tag is a custom element: `compilerOptions.isCustomElement` (see the README).
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { OAuthConnectElement } from '../oauth-connect-element.js';
import type { OAuthConnectEventMap } from '../element/connect-controller.js';
import type { OAuthConnectProperties } from './element-types.js';

// Everything the main entry exports, the framework-neutral attribute and event handler types included.
export * from '../oauth-connect.js';

/**
 * `<oauth-connect>` as Vue's template checker reads a component: its props from `$props` (camelCase names;
 * `authorize-url` in a template is `authorizeUrl` here) and its events from `$emit`. Neither exists on the
 * element at run time.
 */
export type OAuthConnectVueComponent = new () => OAuthConnectElement & {
  /** @deprecated For template type checking only; not on the element. */
  $props: HTMLAttributes & OAuthConnectProperties & PublicProps;
  /** @deprecated For template type checking only; not on the element. */
  $emit: EmitFn<{ [Name in keyof OAuthConnectEventMap]: (event: OAuthConnectEventMap[Name]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'oauth-connect': OAuthConnectVueComponent;
  }
}
