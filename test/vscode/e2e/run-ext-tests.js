// Drives code-server's workbench in headless Chromium so that it runs extension tests in its
// extension host, and exits with the code the workbench reports (0: the tests passed).
// Usage: node run-ext-tests.js <extensionDevelopmentPath> <testsModule> <workspaceFolder> <port>
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');

async function main() {
  const [dev, tests, folder, port] = process.argv.slice(2);
  const authority = `127.0.0.1:${port}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${authority}${dev}`],
    ['extensionTestsPath', `vscode-remote://${authority}${tests}`],
  ]);
  const url = `http://${authority}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;
  const profile = fs.mkdtempSync(`${os.tmpdir()}/e2e-chrome-`);
  // Root needs --no-sandbox; the rest keeps Chromium off the (closed) network.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    let reportExit;
    const exited = new Promise((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => console.log(`[${type}]`, ...args));
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
    page.on('console', (message) => {
      const text = message.text();
      if (/E2E|Error|assert/iu.test(text)) console.log('console:', text.slice(0, 2000));
    });
    await page.goto(url);
    const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 180000);
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve(`timeout after ${timeoutMs} ms`), timeoutMs)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    console.log('extension tests exit code:', code);
    return code === 0 ? 0 : 1;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error('FAIL', error);
  process.exit(1);
});
