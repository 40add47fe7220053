/**
 * Examples for `/openapi.json`, by operationId. They are real answers of the demo data, trimmed
 * (lists shortened), and `openapi.db.test.ts` validates each against its operation's schema, so a
 * schema change that leaves an example behind fails the suite instead of misleading readers.
 */

export interface NamedExample {
  summary?: string;
  value: unknown;
}

export interface OperationExamples {
  parameters?: Record<string, unknown>;
  request?: Record<string, NamedExample>;
  responses?: Record<string, Record<string, NamedExample>>;
}

const problem = (code: string, status: number, title: string, extra: Record<string, unknown> = {}) => ({
  type: `/api/errors#${code}`,
  title,
  status,
  code,
  instance: "/api/v1/entries/42",
  ...extra,
});

/** One problem document per code the shared error responses show. */
export const PROBLEM_EXAMPLES: Record<string, unknown> = {
  validation_failed: problem("validation_failed", 400, "Some fields need attention.", {
    instance: "/api/v1/entries",
    errors: [{ field: "sdg", code: "unknown_code", message: "Choose a value from the list" }],
  }),
  invalid_token: problem("invalid_token", 401, "The API token is not valid, has expired or was revoked."),
  authentication_required: problem("authentication_required", 401, "Please sign in to continue."),
  insufficient_scope: problem(
    "insufficient_scope",
    403,
    "The API token does not have the scope this action needs.",
  ),
  forbidden: problem("forbidden", 403, "You do not have permission to do this."),
  not_found: problem("not_found", 404, "Page not found"),
  rate_limited: problem("rate_limited", 429, "Too many attempts. Please wait 42 seconds and try again."),
};

const coded = (code: string, name: string) => ({ code, name });

const ENTRY = {
  id: "5",
  state: "published",
  isPublic: true,
  createdAt: "2021-04-12T12:50:59.601Z",
  updatedAt: "2021-06-02T13:52:28.738Z",
  submittedAt: "2021-04-19T21:07:49.733Z",
  publishedAt: "2021-06-02T13:52:28.738Z",
  revisionNumber: 1,
  title: "Open Commons Initiative: Community Ocean Observation Network",
  description:
    "Open Commons Initiative invites volunteers to record plant and animal observations with a mobile app. In addition, it hosts open research data so that scientists can share and reuse results.",
  language: coded("en", "English"),
  organisationName: "Vertex Cooperative",
  stakeholderType: coded("other", "Other"),
  coverage: coded("international", "International"),
  countries: [coded("FR", "France"), coded("ID", "Indonesia")],
  regions: [coded("ASP", "Asia and the Pacific"), coded("EUR", "Europe")],
  actionLines: [coded("C7-esci", "ICT applications: E-science")],
  sdgs: [{ number: 14, name: "Life below water" }],
  targetGroups: [coded("teachers_students", "Teachers and students")],
  projectStatus: coded("ongoing", "Ongoing"),
  startDate: "2020-10-31",
  endDate: "2023-05-15",
  website: "https://vertex-cooperative.example/",
  contactName: "Fatima Mansour",
  contactEmail: "fatima.mansour88@example.org",
  images: [],
  translations: [],
  pendingRevision: null,
  links: { self: "/api/v1/entries/5", html: "/entries/5", history: null },
};

const facet = (value: string, label: string, count: number, selected = false) => ({
  value,
  label,
  count,
  selected,
});

const SEARCH_RESULT = {
  total: 2,
  page: 1,
  pageSize: 1,
  pageCount: 2,
  sort: "relevance",
  nextCursor:
    "eyJ2IjoxLCJmIjoiMkR2ZkM1TjVtTXNrRzd5MiIsImIiOiJpIiwiayI6WzExLDE0MDYyNzk4MTM2MDQsNDBdLCJvIjoxfQ.tJQ43h8Xg4kJM52mwq-a7Q",
  items: [
    {
      id: "40",
      title: "Digital Freelancing Skills for Persons with Disabilities",
      language: "en",
      originalLanguage: "en",
      snippet: {
        text: "This initiative trains young people to find freelance work on online platforms. In addition, it deploys community-owned Wi-Fi networks that connect schools, clinics and markets.",
        highlights: [[148, 155]],
      },
      organisation: "Ministry of Labour and Employment of the United Arab Emirates",
      stakeholderType: coded("government", "Government"),
      countries: [coded("AE", "United Arab Emirates"), coded("EG", "Egypt")],
      actionLines: [coded("C4", "C4 Capacity building")],
      sdgs: [{ number: 8, name: "SDG 8: Decent work and economic growth" }],
      status: coded("completed", "Completed"),
      startYear: 2012,
      publishedAt: "2014-07-25T09:16:53.604Z",
      url: "https://wsis.example.org/entries/40",
    },
  ],
  facets: {
    actionLine: [
      facet("C4", "C4 Capacity building", 2, true),
      facet("C2", "C2 Information and communication infrastructure", 2),
    ],
    sdg: [facet("4", "SDG 4: Quality education", 1), facet("8", "SDG 8: Decent work and economic growth", 1)],
    region: [facet("ARB", "Arab States", 1)],
    country: [facet("AE", "United Arab Emirates", 1)],
    stakeholderType: [facet("government", "Government", 1)],
    targetGroup: [facet("youth", "Youth", 2)],
    status: [facet("completed", "Completed", 1), facet("ongoing", "Ongoing", 1)],
    coverage: [facet("regional", "Regional", 2)],
    year: [facet("2012", "2012", 1)],
  },
};

export const OPERATION_EXAMPLES: Record<string, OperationExamples> = {
  searchEntries: {
    parameters: { q: "digital school", actionLine: ["C4"], pageSize: 1 },
    responses: {
      "200": { firstPage: { summary: "The first page, with the next page's cursor", value: SEARCH_RESULT } },
    },
  },
  getEntry: {
    parameters: { id: "5" },
    responses: { "200": { published: { summary: "A published entry", value: ENTRY } } },
  },
  createEntry: {
    request: {
      draft: {
        summary: "A draft, submitted for review at once",
        value: {
          title: "Community Ocean Observation Network",
          description: "Volunteers record plant and animal observations with a mobile app.",
          language: "en",
          organisationName: "Vertex Cooperative",
          stakeholderType: "other",
          coverage: "international",
          countries: ["FR", "ID"],
          actionLines: ["C7-esci"],
          sdgs: [14],
          targetGroups: ["teachers_students"],
          projectStatus: "ongoing",
          startDate: "2020-10-31",
          endDate: null,
          website: "https://vertex-cooperative.example/",
          contactName: "Fatima Mansour",
          contactEmail: "fatima.mansour88@example.org",
          submit: true,
        },
      },
    },
  },
  moderateEntry: {
    request: {
      publish: { summary: "Publish the submitted revision", value: { decision: "publish" } },
      return: {
        summary: "Return it to the owner with a comment",
        value: { decision: "return", comment: "Please add the project's website and end date." },
      },
    },
  },
  listActionLines: {
    responses: {
      "200": {
        sample: {
          summary: "The first Action Lines",
          value: {
            items: [
              {
                code: "C4",
                name: "Capacity building",
                facilitator: "ITU",
                group: null,
                description:
                  "Give every person the skills to benefit from the Information Society through ICT literacy, education and training.",
                sdgs: [1, 2, 3, 4, 5],
              },
              {
                code: "C7-elearn",
                name: "ICT applications: E-learning",
                facilitator: "UNESCO",
                group: "C7",
                description: "Use ICTs to improve education and training at all levels.",
                sdgs: [4],
              },
            ],
          },
        },
      },
    },
  },
  listSdgs: {
    responses: {
      "200": {
        sample: {
          summary: "The first SDG",
          value: {
            items: [
              { number: 1, name: "No poverty", colour: "#E5243B", actionLines: ["C1", "C2", "C3", "C4"] },
            ],
          },
        },
      },
    },
  },
  listRegions: {
    responses: {
      "200": {
        sample: {
          summary: "ITU regions",
          value: {
            items: [
              { code: "AFR", name: "Africa", countryCount: 49 },
              { code: "AMS", name: "Americas", countryCount: 57 },
            ],
          },
        },
      },
    },
  },
  listCountries: {
    parameters: { region: "AFR" },
    responses: {
      "200": {
        sample: {
          summary: "Countries of one region",
          value: {
            items: [
              { code: "AO", name: "Angola", region: "AFR" },
              { code: "BJ", name: "Benin", region: "AFR" },
            ],
          },
        },
      },
    },
  },
  getPrizeResults: {
    parameters: { year: 2027 },
    responses: {
      "200": {
        published: {
          summary: "Published results (one category shown)",
          value: {
            year: 2027,
            publishedAt: "2027-06-02T09:00:00.000Z",
            rules: {
              championsPerCategory: 5,
              votesOnlyFromCompleteVoters: false,
              tieRule: "ties_at_cutoff_all_champions",
            },
            votes: {
              counted: 1493310,
              notCounted: 0,
              invalidated: 2210,
              invalidatedByReason: [{ reason: "Burst from one IP range", count: 2210 }],
            },
            categories: [
              {
                code: "C3",
                name: "Access to information and knowledge",
                winner: {
                  submissionId: "412",
                  title: "Community networks for rural schools",
                  organisation: "Rural Connect",
                  votes: 18211,
                  rank: 1,
                  winner: true,
                  certificateUrl: "/prizes/2027/certificates/412.pdf",
                },
                champions: [
                  {
                    submissionId: "412",
                    title: "Community networks for rural schools",
                    organisation: "Rural Connect",
                    votes: 18211,
                    rank: 1,
                    winner: true,
                    certificateUrl: "/prizes/2027/certificates/412.pdf",
                  },
                  {
                    submissionId: "388",
                    title: "Open library catalogue for small towns",
                    organisation: "Biblioteca Abierta",
                    votes: 9120,
                    rank: 2,
                    winner: false,
                    certificateUrl: "/prizes/2027/certificates/388.pdf",
                  },
                ],
              },
            ],
          },
        },
      },
    },
  },
};
