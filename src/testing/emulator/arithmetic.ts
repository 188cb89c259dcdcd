/**
 * The scripted code interpreter's arithmetic: finds an expression in a sentence and evaluates it the way Python's
 * `print(...)` would show it (`+ - * / // % **` and parentheses; `/` gives a float, `7 / 0` a ZeroDivisionError).
 * No `eval`.
 */

interface Value {
  readonly n: number;
  readonly float: boolean;
}

class ZeroDivision extends Error {}

/**
 * What `print(expression)` shows in Python, or `undefined` when the text is not an arithmetic expression.
 *
 * @example
 * printArithmetic('2 + 2 * 3'); // '8'
 * printArithmetic('7 / 2'); // '3.5'
 * printArithmetic('1 / 0'); // 'ZeroDivisionError: division by zero'
 */
export function printArithmetic(expression: string): string | undefined {
  const tokens = expression.match(/\d+(?:\.\d*)?|\.\d+|\*\*|\/\/|[-+*/%()]|\S/g) ?? [];
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const take = (): string | undefined => tokens[position++];

  const sum = (): Value => {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const op = take();
      const right = product();
      left = { n: op === '+' ? left.n + right.n : left.n - right.n, float: left.float || right.float };
    }
    return left;
  };
  const product = (): Value => {
    let left = unary();
    for (let op = peek(); op === '*' || op === '/' || op === '//' || op === '%'; op = peek()) {
      take();
      const right = unary();
      if (op !== '*' && right.n === 0) throw new ZeroDivision();
      if (op === '*') left = { n: left.n * right.n, float: left.float || right.float };
      else if (op === '/') left = { n: left.n / right.n, float: true };
      else if (op === '//') left = { n: Math.floor(left.n / right.n), float: left.float || right.float };
      else left = { n: left.n - right.n * Math.floor(left.n / right.n), float: left.float || right.float };
    }
    return left;
  };
  const unary = (): Value => {
    if (peek() === '-' || peek() === '+') {
      const op = take();
      const value = unary();
      return op === '-' ? { n: -value.n, float: value.float } : value;
    }
    return power();
  };
  const power = (): Value => {
    const base = primary();
    if (peek() !== '**') return base;
    take();
    const exponent = unary();
    return { n: base.n ** exponent.n, float: base.float || exponent.float || exponent.n < 0 };
  };
  const primary = (): Value => {
    const token = take();
    if (token === '(') {
      const value = sum();
      if (take() !== ')') throw new SyntaxError('missing )');
      return value;
    }
    if (token !== undefined && /^[\d.]/.test(token)) return { n: Number(token), float: token.includes('.') };
    throw new SyntaxError(`unexpected ${token ?? 'end'}`);
  };

  try {
    const value = sum();
    if (position !== tokens.length || !Number.isFinite(value.n)) return undefined;
    return value.float && Number.isInteger(value.n) ? `${value.n}.0` : String(value.n);
  } catch (error) {
    if (error instanceof ZeroDivision) return 'ZeroDivisionError: division by zero';
    return undefined;
  }
}

/**
 * The first arithmetic expression with an operator in a sentence, if any.
 *
 * @example
 * findArithmetic('Please calculate (3 + 4) * 5.'); // '(3 + 4) * 5'
 * findArithmetic('Say hello'); // undefined
 */
export function findArithmetic(text: string): string | undefined {
  for (const match of text.matchAll(/[-+(\s]*\d[\d\s+\-*/%.()]*/g)) {
    const candidate = match[0].trim().replace(/[^\d)]+$/, '');
    if (/\d\s*(?:\*\*|\/\/|[-+*/%])\s*[-+(]*\s*[\d.]/.test(candidate) && printArithmetic(candidate) !== undefined) {
      return candidate;
    }
  }
  return undefined;
}
