import depthLimit from 'graphql-depth-limit';
import { type DocumentNode, GraphQLError, type GraphQLSchema, Kind, validate, visit } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '#libs/reputation';

/** Complexity of a connection field: its page size (capped, so that `first` over the cap answers its own error) times a node's. */
export const connectionComplexity = ({ args, childComplexity }: { args: { first?: number | null }; childComplexity: number }): number =>
  1 + Math.min(Math.max(args.first ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE) * childComplexity;

const ESTIMATORS = [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];

/** Complexities kept per document, one per set of page-size variables seen. */
const MAX_COMPLEXITIES_PER_DOCUMENT = 16;

/** What is known of a document once: its depth verdict, the variables that set page sizes, costs seen. */
interface DocumentVerdicts {
  readonly depthError: GraphQLError | null;
  readonly pageSizeVariables: readonly string[];
  readonly complexities: Map<string, number>;
}

const limitError = (code: string, message: string, extensions: Record<string, number>): GraphQLError =>
  new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });

/** Only `first` arguments weigh in the estimate beyond the document itself. */
const pageSizeVariablesOf = (document: DocumentNode): string[] => {
  const names = new Set<string>();
  visit(document, {
    Argument: (node) => {
      if (node.name.value === 'first' && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names];
};

/**
 * Depth and complexity limits, judged before execution. Apollo hands back the same parsed document for
 * a query it has seen, so what depends on the document alone — its depth, which variables set page
 * sizes — is worked out once per document, and its cost once per set of page sizes: the per-request
 * price of a repeated query is a map lookup.
 */
export class QueryLimits {
  private readonly verdicts = new WeakMap<DocumentNode, DocumentVerdicts>();

  constructor(
    private readonly maxDepth: number,
    private readonly maxComplexity: number,
  ) {}

  /** The limit the operation breaks, or null. Call on a document that passed validation. */
  check(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): GraphQLError | null {
    const verdicts = this.verdictsOf(schema, document);
    if (verdicts.depthError) return verdicts.depthError;
    const key = JSON.stringify([operationName ?? null, ...verdicts.pageSizeVariables.map((name) => variables?.[name] ?? null)]);
    let complexity = verdicts.complexities.get(key);
    if (complexity === undefined) {
      try {
        complexity = getComplexity({ schema, query: document, variables: variables ?? {}, operationName, estimators: ESTIMATORS });
      } catch {
        // Variables that do not coerce: execution answers that with its own BAD_USER_INPUT.
        return null;
      }
      if (verdicts.complexities.size >= MAX_COMPLEXITIES_PER_DOCUMENT) verdicts.complexities.delete(verdicts.complexities.keys().next().value as string);
      verdicts.complexities.set(key, complexity);
    }
    if (complexity <= this.maxComplexity) return null;
    return limitError('QUERY_TOO_COMPLEX', `The operation would cost ${complexity}, above the limit of ${this.maxComplexity}: ask for fewer items or fields`, {
      complexity,
      maxComplexity: this.maxComplexity,
    });
  }

  private verdictsOf(schema: GraphQLSchema, document: DocumentNode): DocumentVerdicts {
    let verdicts = this.verdicts.get(document);
    if (verdicts === undefined) {
      const [tooDeep] = validate(schema, document, [depthLimit(this.maxDepth)]);
      verdicts = {
        depthError: tooDeep ? limitError('QUERY_TOO_DEEP', `The operation nests deeper than ${this.maxDepth} levels`, { maxDepth: this.maxDepth }) : null,
        pageSizeVariables: pageSizeVariablesOf(document),
        complexities: new Map(),
      };
      this.verdicts.set(document, verdicts);
    }
    return verdicts;
  }
}
