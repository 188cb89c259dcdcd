/**
 * What the emulator counts, for tests that prove "one run per user call" and the like.
 *
 * @example
 * const before = emulator.counters.runsCreated;
 * await callUnderTest();
 * expect(emulator.counters.runsCreated - before).toBe(1);
 */
export interface EmulatorCounters {
  /** Every HTTP request received. */
  requests: number;
  /** Runs created (`POST /threads/{id}/runs` and `POST /threads/runs`). */
  runsCreated: number;
  /** Threads created (`POST /threads` and `POST /threads/runs`). */
  threadsCreated: number;
  /** Messages added by requests (not those the assistant writes). */
  messagesCreated: number;
  /** Assistants created. */
  assistantsCreated: number;
  /** Files uploaded. */
  filesUploaded: number;
  /** Accepted `submit_tool_outputs` requests. */
  toolOutputsSubmitted: number;
  /** Accepted run cancellations. */
  runsCancelled: number;
  /** Accepted `POST /chat/completions` requests (streamed or not). */
  chatCompletionsCreated: number;
  /** Accepted `POST /responses` requests (streamed or not). */
  responsesCreated: number;
  /** Responses answered with an event stream. */
  streamsOpened: number;
  /** Faults applied to requests. */
  faultsApplied: number;
  /** Requests answered from an earlier request with the same `Idempotency-Key`, without being handled again. */
  idempotentReplays: number;
}

/**
 * All counters at zero.
 *
 * @example
 * const counters = zeroCounters();
 */
export function zeroCounters(): EmulatorCounters {
  return {
    requests: 0,
    runsCreated: 0,
    threadsCreated: 0,
    messagesCreated: 0,
    assistantsCreated: 0,
    filesUploaded: 0,
    toolOutputsSubmitted: 0,
    runsCancelled: 0,
    chatCompletionsCreated: 0,
    responsesCreated: 0,
    streamsOpened: 0,
    faultsApplied: 0,
    idempotentReplays: 0,
  };
}
