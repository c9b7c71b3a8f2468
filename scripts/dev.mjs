// `npm run dev`: the server restarting on change, and Angular's dev server (proxying /api to it).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const children = [
  spawn(process.execPath, ['--watch-path=server', '--enable-source-maps', '-r', '@swc-node/register', 'server/main.ts'], { cwd: root, stdio: 'inherit' }),
  spawn(join(root, 'node_modules', '.bin', 'ng'), ['serve', '--proxy-config', 'client/proxy.conf.json', '--port', '4200'], { cwd: root, stdio: 'inherit' }),
];
console.error('Dev servers: API on http://localhost:3000, client on http://localhost:4200');
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
