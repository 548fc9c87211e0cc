// class-transformer's @Type reads `design:type` through the Reflect metadata API, which only
// exists once this polyfill has run. Every model class imports this module, so it runs first.
import 'reflect-metadata';
import { Expose, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** Options shared by the wire decorators. */
interface WireOptions {
  /** The key may be absent (or null, which sec-api.io uses for "absent" in places). */
  readonly optional?: boolean;
}

/** Applies several property decorators in order; TypeScript has no built-in for this. */
export function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) =>
    decorators.forEach((decorate) => decorate(target, key));
}

/** null means "absent" for optional keys, so it never reaches a consumer as a value. */
const nullToUndefined = Transform(({ value }) =>
  value === null ? undefined : value,
);

/**
 * A string scalar of at most `max` characters.
 *
 * class-validator checks constraints in the order they register, and decorators register
 * bottom-up: put refinements (format, not empty) above this one so the type is checked first
 * and, with `stopAtFirstError`, each field reports one reason.
 */
export function WireString(
  max: number,
  options: WireOptions = {},
): PropertyDecorator {
  return compose(
    Expose(),
    ...(options.optional
      ? [nullToUndefined, IsOptional()]
      : [IsDefined({ message: 'is required' })]),
    IsString({ message: 'must be a string' }),
    MaxLength(max, { message: `must be at most ${max} characters` }),
  );
}

/** An array of strings, at most `maxItems` long, each at most `maxLength` characters. */
export function WireStringArray(
  maxItems: number,
  maxLength: number,
  options: WireOptions = {},
): PropertyDecorator {
  return compose(
    Expose(),
    options.optional ? nullToUndefined : Transform(({ value }) => value ?? []),
    ...(options.optional ? [IsOptional()] : []),
    IsArray({ message: 'must be an array' }),
    ArrayMaxSize(maxItems, {
      message: `must have at most ${maxItems} entries`,
    }),
    IsString({ each: true, message: 'each entry must be a string' }),
    MaxLength(maxLength, {
      each: true,
      message: `each entry must be at most ${maxLength} characters`,
    }),
  );
}

/**
 * Entries that are arrays become null. class-validator would otherwise descend into an array
 * found where an object belongs and call it valid; null makes it report `entities.3` itself.
 */
function arrayEntriesToNull(value: unknown): unknown {
  return Array.isArray(value)
    ? value.map((entry) => (Array.isArray(entry) ? null : entry))
    : value;
}

/** An array of nested objects of class `type`; absent or null means empty. */
export function WireObjectArray(
  type: () => new () => object,
  maxItems: number,
): PropertyDecorator {
  return compose(
    Expose(),
    Type(type),
    Transform(({ value }) => arrayEntriesToNull(value ?? [])),
    IsArray({ message: 'must be an array' }),
    ArrayMaxSize(maxItems, {
      message: `must have at most ${maxItems} entries`,
    }),
    ValidateNested({ each: true, message: 'must be an object' }),
  );
}
