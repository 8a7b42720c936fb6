// Build the web app when dist/web is missing (or always with --force), so `npm start` works on a fresh clone.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const force = process.argv.includes('--force');
if (!force && existsSync('dist/web/index.html')) process.exit(0);
const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
