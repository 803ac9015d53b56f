import { clearLine, cursorTo, type Interface } from "node:readline";
import type { Writable } from "node:stream";

interface Prompt {
  rl: Interface;
  output: Writable;
  terminal: boolean;
}

/**
 * Prints warnings that arrive at any time (background extraction) without writing over the "you>" prompt: while the prompt waits
 * for input, the notice goes above it and the prompt is redrawn with what was typed so far; while a turn or command runs, notices
 * wait until just before the next prompt. Before the prompt is first shown and after it is gone, they print at once.
 */
export class PromptNotices {
  private prompt?: Prompt;
  private waiting = false;
  private readonly queued: string[] = [];

  constructor(private readonly write: (line: string) => void) {}

  /** Prints a notice line, or queues it while a turn or command runs. */
  notice(line: string): void {
    if (!this.prompt) return this.write(line);
    if (!this.waiting) {
      this.queued.push(line);
      return;
    }
    const { rl, output, terminal } = this.prompt;
    if (terminal) {
      clearLine(output, 0);
      cursorTo(output, 0);
    } else {
      output.write("\n");
    }
    this.write(line);
    rl.prompt(true);
  }

  /** From now on, notices respect this readline prompt. */
  attach(rl: Interface, output: Writable, terminal: boolean): void {
    this.prompt = { rl, output, terminal };
  }

  /** Prints the queued notices, then shows the prompt and waits for input. */
  showPrompt(): void {
    this.flush();
    this.waiting = true;
    this.prompt?.rl.prompt();
  }

  /** A line was taken: notices wait until the next prompt. */
  busy(): void {
    this.waiting = false;
  }

  /** The prompt is gone: queued and later notices print at once. */
  detach(): void {
    this.prompt = undefined;
    this.waiting = false;
    this.flush();
  }

  private flush(): void {
    for (const line of this.queued.splice(0)) this.write(line);
  }
}
