/**
 * The engine host of this build. In the TypeScript sources and in dist/index.js
 * (the package's `node` and default export) it is Node's worker thread; the
 * browser build (dist/browser/, the `browser` export condition) resolves this
 * module to `web.ts` instead (see tsup.config.ts), so the library a bundler
 * takes for a browser imports no Node built-in.
 */
export { engineHost } from "./node.js";
