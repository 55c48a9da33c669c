import { GraphQLScalarType } from 'graphql';

/** Output only: what a screening criterion required or found, in its own type (grade, number, yes/no). */
export const CriterionValueScalar = new GraphQLScalarType<string | number | boolean, string | number | boolean>({
  name: 'CriterionValue',
  description: 'A string, a number or a boolean, as the criterion it belongs to defines.',
  serialize: (value) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    throw new TypeError(`CriterionValue cannot represent ${typeof value}`);
  },
});
