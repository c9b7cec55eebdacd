// The what-if worker when jinxiu runs from its TypeScript sources (tests, tsx): TypeScript
// support is registered in the thread first (tsx, a devDependency), then the worker is loaded.
// The package's dist/ ships the built whatif-worker.js instead; this file is never bundled.
import { register } from "tsx/esm/api";

register();
const worker = await import("./whatif-worker.ts");
export default worker.default;
