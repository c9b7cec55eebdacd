#!/usr/bin/env node
import { runCli } from "./run.js";
import { processIo } from "./io.js";

runCli(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`jinxiu: internal error: ${(e as Error)?.message ?? e}\n`);
    process.exitCode = 3;
  },
);
