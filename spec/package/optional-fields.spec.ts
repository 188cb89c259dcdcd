/**
 * An app compiled with `exactOptionalPropertyTypes` passes options that may be `undefined` as they are
 * (`createClient({ apiKey: process.env.OPENAI_API_KEY })`): every optional field the library's exported
 * declarations ask a caller for admits `undefined`, as the official SDK's do. The wire types (src/wire, generated,
 * and the schemas of src/schema) describe what the API sends, and stay as the SDK's types of the same objects, so
 * that they are assignable to them under that setting too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const SRC = join(__dirname, '..', '..', 'src');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Whether a type admits `undefined` as it is written. */
function admitsUndefined(type: ts.TypeNode): boolean {
  if ([ts.SyntaxKind.UndefinedKeyword, ts.SyntaxKind.AnyKeyword, ts.SyntaxKind.UnknownKeyword, ts.SyntaxKind.NeverKeyword].includes(type.kind)) return true;
  if (ts.isUnionTypeNode(type)) return type.types.some(admitsUndefined);
  if (ts.isParenthesizedTypeNode(type)) return admitsUndefined(type.type);
  return ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.UndefinedKeyword;
}

/** The optional fields of a file's exported declarations (outside function bodies) that do not admit `undefined`. */
function strictOptionalFields(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node)) return;
    // An optional method (`onTextDelta?(delta): void`) cannot admit undefined: it is written as a property.
    const optionalMethod = ts.isMethodSignature(node) && node.questionToken !== undefined;
    if (optionalMethod || (ts.isPropertySignature(node) && node.questionToken && node.type && !admitsUndefined(node.type))) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${relative(SRC, file)}:${line + 1}: ${node.getText(source).split('\n')[0]}`);
    }
    ts.forEachChild(node, visit);
  };
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported) visit(statement);
  }
  return found;
}

describe('optional fields under exactOptionalPropertyTypes', () => {
  it('every optional field or callback of an exported declaration admits undefined (the wire types aside)', () => {
    const files = filesUnder(SRC).filter((file) => !/^(wire|schema)[/\\]/.test(relative(SRC, file)));
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(strictOptionalFields)).toEqual([]);
  });
});
