import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { rules } from 'eslint-plugin-asyncsense/engine';
import { FIXTURES_DIR, REPO_ROOT, fixtureRuleIds, listFixtures } from '../helpers/fixtures';

const RULES_DIR = path.join(REPO_ROOT, 'rules');
const MIN_FIXTURES = 15;

describe('rule metadata', () => {
  it('the registry is sorted by id, with no duplicates', () => {
    const ids = rules.map((rule) => rule.id);
    assert.deepEqual(ids, [...new Set(ids)].sort());
  });

  it('every rule file is registered, and every registered rule has its file', () => {
    const files = fs.readdirSync(RULES_DIR).filter((name) => /^[a-z]+(-[a-z]+)+\.ts$/u.test(name)).map((name) => name.slice(0, -3));
    assert.deepEqual(files.sort(), rules.map((rule) => rule.id));
  });

  it('fixture folders are exactly the rules', () => {
    assert.deepEqual(fixtureRuleIds(), rules.map((rule) => rule.id));
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('id is kebab-case and has a doc named after it', () => {
        assert.match(rule.id, /^[a-z]+(-[a-z]+)+$/u);
        assert.ok(fs.existsSync(path.join(RULES_DIR, `${rule.id}.md`)), `rules/${rule.id}.md is missing`);
      });

      it(`has at least ${MIN_FIXTURES} valid and ${MIN_FIXTURES} invalid fixtures`, () => {
        const fixtures = listFixtures(rule.id);
        assert.ok(fixtures.filter((f) => f.kind === 'valid').length >= MIN_FIXTURES);
        assert.ok(fixtures.filter((f) => f.kind === 'invalid').length >= MIN_FIXTURES);
        assert.ok(fs.existsSync(path.join(FIXTURES_DIR, rule.id)));
      });

      it('describes itself in one sentence and has messages for what it reports and suggests', () => {
        assert.match(rule.meta.description, /^[A-Z].*\.$/u);
        const messages = Object.entries(rule.meta.messages as Record<string, string>);
        assert.ok(messages.length > 0);
        for (const [id, text] of messages) {
          assert.match(id, /^[a-z][A-Za-z]+$/u, `message id ${id} is camelCase`);
          assert.match(text, /[.?]$/u, `message ${id} ends as a sentence`);
        }
      });

      it('has an options schema that accepts its defaults', () => {
        assert.ok(Array.isArray(rule.meta.schema));
        const [schema] = rule.meta.schema as { properties?: Record<string, unknown> }[];
        for (const key of Object.keys(rule.meta.defaultOptions as object)) {
          assert.ok(schema?.properties?.[key], `option ${key} is not in the schema`);
        }
      });
    });
  }
});
