// The catch rule of issue 20, as a checker: test/architecture/catches.test.ts runs it on every src/ file.
// The rule is written out at the top of that test file; this module only implements it.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const SRC = path.resolve(import.meta.dirname, '../../src');

/** Calls that record or narrow a caught failure (see the header). */
export const APPROVED_HELPERS = new Set(['failureNote', 'describeFailure', 'failureCode', 'rethrowUnless', 'parseFailure']);

/** Sinks approved in one folder only (path prefix relative to src/): the lab emulator's error log. */
export const APPROVED_IN_FOLDER: Record<string, string[]> = { 'lab/emulator/': ['onError'] };

function approvedFor(file: string): Set<string> {
  const extra = Object.entries(APPROVED_IN_FOLDER).flatMap(([prefix, names]) => (file.split(path.sep).join('/').startsWith(prefix) ? names : []));
  return new Set([...APPROVED_HELPERS, ...extra]);
}

export function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Walks `node`'s descendants, not entering nested functions or classes. */
function walkSameFunction(node: ts.Node, visit: (n: ts.Node) => void): void {
  ts.forEachChild(node, (child) => {
    if (ts.isFunctionLike(child) || ts.isClassLike(child)) return;
    visit(child);
    walkSameFunction(child, visit);
  });
}

function mentions(node: ts.Node, name: string): boolean {
  if (ts.isIdentifier(node) && node.text === name) return true;
  let found = false;
  ts.forEachChild(node, (c) => {
    if (!found && mentions(c, name)) found = true;
  });
  return found;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** Why a handler body breaks the rule, or null when it keeps it. `caught`: the name the failure is bound to. */
export function judgeHandler(body: ts.Node, caught: string | undefined, approved: Set<string> = APPROVED_HELPERS): string | null {
  if (ts.isBlock(body) && body.statements.length === 0) return 'empty';
  let throws = false;
  let records = false;
  const check = (n: ts.Node) => {
    if (ts.isThrowStatement(n)) throws = true;
    if (ts.isCallExpression(n) && caught) {
      const name = calleeName(n);
      if (name && (approved.has(name) || name === 'reject') && n.arguments.some((a) => mentions(a, caught))) records = true;
    }
  };
  check(body);
  walkSameFunction(body, check);
  if (throws || records) return null;
  return caught ? `neither rethrows nor passes "${caught}" to ${[...approved].join('/')}` : 'binds no error and does not rethrow';
}

export interface CatchViolation {
  file: string;
  line: number;
  what: string;
}

/** Every catch clause and promise rejection handler in `text` that breaks the rule. */
export function catchViolations(file: string, text: string): CatchViolation[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const approved = approvedFor(file);
  const out: CatchViolation[] = [];
  const add = (node: ts.Node, what: string) => out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, what });
  const visit = (node: ts.Node) => {
    if (ts.isCatchClause(node)) {
      const decl = node.variableDeclaration;
      const caught = decl && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
      const why = judgeHandler(node.block, caught, approved);
      if (why) add(node, `catch: ${why}`);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const handler = method === 'catch' ? node.arguments[0] : method === 'then' ? node.arguments[1] : undefined;
      if (handler) {
        if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) {
          const p = handler.parameters[0];
          const caught = p && ts.isIdentifier(p.name) ? p.name.text : undefined;
          const why = judgeHandler(handler.body, caught, approved);
          if (why) add(handler, `.${method}() handler: ${why}`);
        } else if (!(ts.isIdentifier(handler) && handler.text === 'reject')) {
          add(handler, `.${method}() handler is not inline (only \`reject\` may be passed by name): ${handler.getText(sf).slice(0, 60)}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** How many catch clauses and promise rejection handlers `text` has (the figures in the report). */
export function catchSites(file: string, text: string): { clauses: number; handlers: number } {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let clauses = 0;
  let handlers = 0;
  const visit = (n: ts.Node): void => {
    if (ts.isCatchClause(n)) clauses++;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const m = n.expression.name.text;
      if ((m === 'catch' && n.arguments.length >= 1) || (m === 'then' && n.arguments.length >= 2)) handlers++;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { clauses, handlers };
}
