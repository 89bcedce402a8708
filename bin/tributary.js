#!/usr/bin/env node
// The `tributary` command: loads the TypeScript CLI through tsx's loader (sources ship as TypeScript).
import { register } from 'tsx/esm/api';
register();
await import('../runtime/cli/main.ts');
