/**
 * The checks of test/tsdoc-coverage.test.ts, apart so that they can be run on any source: which
 * exports of src/ lack TSDoc (by the TypeScript parser), which exports of assembly/ lack a comment.
 */
import ts from 'typescript';

/** A file's path (as reported) and text. */
export interface Source {
  readonly file: string;
  readonly text: string;
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);

/** Whether a non-empty `/** … *\/` comment leads `node`. */
function documented(node: ts.Node, text: string): boolean {
  return (ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []).some((range) => {
    const comment = text.slice(range.pos, range.end);
    return comment.startsWith('/**') && comment.slice(3, -2).replace(/\*/g, '').trim().length > 0;
  });
}

function nameOf(node: ts.Node): string {
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.map((declaration) => declaration.name.getText()).join(', ');
  }
  const name = (node as { name?: ts.Node }).name;
  return name ? name.getText() : ts.isConstructorDeclaration(node) ? 'constructor' : '(anonymous)';
}

/** The names each interface of `files` declares, by interface name: what an implementing class inherits. */
function interfaceMembers(parsed: readonly ts.SourceFile[]): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>();
  for (const file of parsed) {
    for (const statement of file.statements) {
      if (!ts.isInterfaceDeclaration(statement)) continue;
      const names = members.get(statement.name.text) ?? new Set<string>();
      for (const member of statement.members) if (member.name) names.add(member.name.getText());
      members.set(statement.name.text, names);
    }
  }
  return members;
}

/** The members of an object type that need a comment: those of an interface or a type literal. */
function typeMembers(statement: ts.Statement): readonly ts.TypeElement[] {
  if (ts.isInterfaceDeclaration(statement)) return statement.members;
  if (ts.isTypeAliasDeclaration(statement) && ts.isTypeLiteralNode(statement.type))
    return statement.type.members;
  return [];
}

/** The public members of a class that need a comment of their own. */
function classMembers(
  statement: ts.ClassDeclaration,
  inherited: Map<string, Set<string>>,
): ts.ClassElement[] {
  const implemented = new Set<string>();
  for (const clause of statement.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
    for (const type of clause.types)
      for (const name of inherited.get(type.expression.getText()) ?? []) implemented.add(name);
  }
  return statement.members.filter((member) => {
    if (ts.isConstructorDeclaration(member) || ts.isClassStaticBlockDeclaration(member)) return false;
    if (ts.isSemicolonClassElement(member) || !member.name || ts.isPrivateIdentifier(member.name))
      return false;
    if (
      hasModifier(member, ts.SyntaxKind.PrivateKeyword) ||
      hasModifier(member, ts.SyntaxKind.ProtectedKeyword)
    )
      return false;
    return !implemented.has(member.name.getText());
  });
}

/** Every export of `files` (and member, as above) without TSDoc, as `file:line name`. */
export function undocumentedExports(files: readonly Source[]): string[] {
  const parsed = files.map(({ file, text }) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  const inherited = interfaceMembers(parsed);
  const found: string[] = [];
  for (const file of parsed) {
    const text = file.getFullText();
    const report = (node: ts.Node, name: string) => {
      if (documented(node, text)) return;
      found.push(`${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${name}`);
    };
    for (const statement of file.statements) {
      if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) continue;
      const name = nameOf(statement);
      report(statement, name);
      for (const member of typeMembers(statement)) report(member, `${name}.${nameOf(member)}`);
      if (ts.isClassDeclaration(statement)) {
        for (const member of classMembers(statement, inherited)) report(member, `${name}.${nameOf(member)}`);
      }
    }
  }
  return found;
}

/** Every `export` line of an assembly/ file with no comment line just above it (decorators skipped). */
export function uncommentedAssemblyExports({ file, text }: Source): string[] {
  const lines = text.split('\n');
  const found: string[] = [];
  lines.forEach((line, i) => {
    // Re-exports (`export { … } from`, `export *`) are documented where they are declared.
    if (!/^export\s/.test(line) || /^export\s*[{*]/.test(line)) return;
    let above = i - 1;
    while (above >= 0 && /^\s*@\w+/.test(lines[above] as string)) above--;
    const previous = above >= 0 ? (lines[above] as string).trim() : '';
    if (!previous.startsWith('//') && !previous.endsWith('*/')) found.push(`${file}:${i + 1}`);
  });
  return found;
}
