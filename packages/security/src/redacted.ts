import { inspect } from 'node:util';

const REDACTED_TEXT = '<redacted>';

/**
 * A secret that stays out of logs, JSON and string interpolation by accident.
 * Reading the value is an explicit `reveal()`, so every place that needs the secret is easy to find.
 */
export class Redacted<T> {
  readonly #value: T;

  private constructor(value: T) {
    this.#value = value;
  }

  static of<T>(value: T): Redacted<T> {
    return new Redacted(value);
  }

  reveal(): T {
    return this.#value;
  }

  toString(): string {
    return REDACTED_TEXT;
  }

  toJSON(): string {
    return REDACTED_TEXT;
  }

  [inspect.custom](): string {
    return REDACTED_TEXT;
  }
}
