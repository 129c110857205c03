#!/usr/bin/env node
// The `tributary` command. Runs the compiled CLI (`npm run build` writes dist/).
import { runCli } from '../dist/src/cli/main.js'

const code = await runCli(process.argv.slice(2))
process.exit(code)
