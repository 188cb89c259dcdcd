import fc from 'fast-check';
import { findArithmetic, printArithmetic } from '../../src/testing/emulator/arithmetic.js';
import { GREETING, answerToolOutputs, planRun, tokenize, type PlanInput } from '../../src/testing/emulator/script.js';

const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        detailed: { type: 'boolean' },
      },
      required: ['city', 'days', 'unit', 'detailed'],
    },
  },
};
const time = { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object', properties: {} } } };

const input = (userText: string, overrides: Partial<PlanInput> = {}): PlanInput => ({
  userText,
  tools: [weather, time, { type: 'code_interpreter' }],
  toolChoice: 'auto',
  parallelToolCalls: true,
  ...overrides,
});

describe('the scripted assistant', () => {
  it('tokenize: the fragments join back to the text, none empty', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const tokens = tokenize(text);
        expect(tokens.join('')).toBe(text);
        expect(tokens.every((token) => token.length > 0)).toBe(true);
      }),
    );
    expect(tokenize('Hello! How are you?')).toEqual(['Hello', '!', ' How', ' are', ' you', '?']);
  });

  it('answers text by echoing the last user message, or greets', () => {
    expect(planRun(input('Good morning'))).toEqual({ kind: 'text', text: 'You said: Good morning' });
    expect(planRun(input('  '))).toEqual({ kind: 'text', text: GREETING });
  });

  it('calls the functions the message names, in order, with arguments from their schema', () => {
    expect(planRun(input('What time is it? get_time, then GET WEATHER for "Oslo" over 3 days'))).toEqual({
      kind: 'functionCalls',
      calls: [
        { name: 'get_time', arguments: '{}' },
        { name: 'get_weather', arguments: '{"city":"Oslo","days":3,"unit":"celsius","detailed":true}' },
      ],
    });
    expect(planRun(input('get_weather {"city": "Rome", "extra": [1]}'))).toEqual({
      kind: 'functionCalls',
      calls: [{ name: 'get_weather', arguments: '{"city":"Rome","extra":[1]}' }],
    });
    expect(planRun(input('get_time and get_weather', { parallelToolCalls: false }))).toMatchObject({
      calls: [{ name: 'get_time' }],
    });
    expect(planRun(input('please use a tool'))).toMatchObject({ kind: 'functionCalls', calls: [{ name: 'get_weather' }] });
    expect(planRun(input('What is the weather in Paris now? Use get_weather.'))).toMatchObject({
      calls: [{ name: 'get_weather', arguments: expect.stringContaining('"city":"Paris"') }],
    });
    expect(planRun(input('weather_report is not a tool here'))).toMatchObject({ kind: 'text' });
  });

  it('follows tool_choice: none, required, a named function, code_interpreter', () => {
    expect(planRun(input('get_weather', { toolChoice: 'none' }))).toMatchObject({ kind: 'text' });
    expect(planRun(input('hello', { toolChoice: 'required' }))).toMatchObject({ calls: [{ name: 'get_weather' }] });
    expect(planRun(input('get_weather', { toolChoice: { type: 'function', function: { name: 'get_time' } } }))).toMatchObject({
      calls: [{ name: 'get_time' }],
    });
    expect(planRun(input('hello', { toolChoice: { type: 'code_interpreter' } }))).toMatchObject({ kind: 'codeInterpreter' });
  });

  it('runs code when asked to calculate, with what Python would print', () => {
    expect(planRun(input('Calculate 2 ** 10 - 24, please.'))).toEqual({
      kind: 'codeInterpreter',
      input: 'print(2 ** 10 - 24)',
      logs: '1000',
      text: 'The result is 1000.',
    });
    expect(planRun(input('run python to say hi'))).toEqual({
      kind: 'codeInterpreter',
      input: 'print("run python to say hi")',
      logs: 'run python to say hi',
      text: 'The result is run python to say hi.',
    });
    expect(planRun(input('calculate 1 + 1', { tools: [] }))).toMatchObject({ kind: 'text' });
  });

  it('evaluates arithmetic like Python', () => {
    expect(printArithmetic('7 / 2')).toBe('3.5');
    expect(printArithmetic('8 / 2')).toBe('4.0');
    expect(printArithmetic('-7 // 2')).toBe('-4');
    expect(printArithmetic('-7 % 3')).toBe('2');
    expect(printArithmetic('-2 ** 2')).toBe('-4');
    expect(printArithmetic('2 ** -1')).toBe('0.5');
    expect(printArithmetic('(1 + 2) * (3 + 4)')).toBe('21');
    expect(printArithmetic('1 / 0')).toBe('ZeroDivisionError: division by zero');
    expect(printArithmetic('2 +')).toBeUndefined();
    expect(findArithmetic('What is (3+4)*5?')).toBe('(3+4)*5');
    expect(findArithmetic('In 2024 there were 12 months')).toBeUndefined();
  });

  it('answers tool outputs one line per call', () => {
    expect(answerToolOutputs([{ name: 'a', output: '1' }, { name: 'b', output: '2' }])).toBe('a returned: 1\nb returned: 2');
  });
});
