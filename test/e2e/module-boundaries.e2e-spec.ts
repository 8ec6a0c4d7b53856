import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run lint` with the project's ESLint config, as on a fresh clone: Nx's cache and workspace data in an
 * empty temporary directory, so the module-boundary rule has no graph unless the config computes one.
 */
const root = join(__dirname, '..', '..');
const eslint = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

function runEslint(args: string[], nxData: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    NX_DAEMON: 'false',
    NX_CACHE_DIRECTORY: join(nxData, 'cache'),
    NX_WORKSPACE_DATA_DIRECTORY: join(nxData, 'workspace-data'),
  };
  return new Promise((resolve) =>
    execFile(process.execPath, [eslint, ...args], { cwd: root, env, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('module boundaries (npm run lint on a fresh clone)', () => {
  const nxData = mkdtempSync(join(tmpdir(), 'cbm-fresh-nx-'));
  const probe = (name: string) => join(root, 'libs', 'hub', 'src', `boundary-probe-${process.pid}-${name}.ts`);
  const probes = {
    fund: probe('fund'),
    authPublic: probe('auth-public'),
    authRepository: probe('auth-repository'),
  };
  let lint: { code: number; stdout: string; stderr: string };
  let results: Map<string, LintMessage[]>;

  beforeAll(async () => {
    try {
      writeFileSync(probes.fund, "import { FundModule } from '@cbm/fund';\n\nexport const probe = FundModule;\n");
      writeFileSync(
        probes.authPublic,
        "import { UserDirectory } from '@cbm/auth';\n\nexport const probe = UserDirectory;\n",
      );
      writeFileSync(
        probes.authRepository,
        "import { UserRepository } from '@cbm/auth';\n\nexport const probe = UserRepository;\n",
      );
      const report = join(nxData, 'report.json');
      lint = await runEslint(
        ['--max-warnings=0', '--format', 'json', '--output-file', report, ...Object.values(probes)],
        nxData,
      );
      const parsed: { filePath: string; messages: LintMessage[] }[] = JSON.parse(readFileSync(report, 'utf8'));
      results = new Map(parsed.map((r) => [r.filePath, r.messages]));
    } finally {
      for (const file of Object.values(probes)) rmSync(file, { force: true });
    }
  });
  afterAll(() => rmSync(nxData, { recursive: true, force: true }));

  it('computes the project graph itself instead of skipping the rule', () => {
    expect(lint.stdout + lint.stderr).not.toMatch(/No cached ProjectGraph/);
    expect(JSON.parse(readFileSync(join(nxData, 'workspace-data', 'project-graph.json'), 'utf8')).nodes).toHaveProperty(
      'hub',
    );
  });

  it('fails when a hub file imports the fund', () => {
    expect(lint.code).toBe(1);
    expect(results.get(probes.fund)).toEqual([
      expect.objectContaining({
        ruleId: '@nx/enforce-module-boundaries',
        message: expect.stringContaining('A project tagged with "scope:hub" can only depend on libs tagged with'),
      }),
    ]);
  });

  it("accepts a hub file that uses auth's public API", () => {
    expect(results.get(probes.authPublic)).toEqual([]);
  });

  it("refuses another context's repository even through its public entry point", () => {
    expect(results.get(probes.authRepository)).toEqual([
      expect.objectContaining({
        ruleId: 'no-restricted-imports',
        message: expect.stringContaining("'UserRepository' import from '@cbm/auth' is restricted"),
      }),
    ]);
  });

  it('has a boundary rule for every tag of every project', async () => {
    const printed = await runEslint(['--print-config', join(root, 'libs', 'hub', 'src', 'index.ts')], nxData);
    expect(printed.code).toBe(0);
    const [, options] = JSON.parse(printed.stdout).rules['@nx/enforce-module-boundaries'];
    const ruled = new Set(options.depConstraints.map((c: { sourceTag: string }) => c.sourceTag));
    const graph = JSON.parse(readFileSync(join(nxData, 'workspace-data', 'project-graph.json'), 'utf8'));
    const tags = Object.values(graph.nodes as Record<string, { data: { tags?: string[] } }>).flatMap(
      (n) => n.data.tags ?? [],
    );
    expect(tags).toEqual(expect.arrayContaining(['scope:hub', 'scope:fund', 'type:platform']));
    expect(tags.filter((t) => !ruled.has(t))).toEqual([]);
  });
});
