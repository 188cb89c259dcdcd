// Packages the docs' snippets import that this project does not install, as much of their types as the snippets
// use (see spec/docs/contexts/shared.ts).

/** @azure/identity 4.x (README.md, Azure OpenAI). */
declare module '@azure/identity' {
  export interface AccessToken { token: string; expiresOnTimestamp: number }
  export interface TokenCredential {
    getToken(scopes: string | string[]): Promise<AccessToken | null>;
  }
  export class DefaultAzureCredential implements TokenCredential {
    getToken(scopes: string | string[]): Promise<AccessToken | null>;
  }
  export function getBearerTokenProvider(credential: TokenCredential, scopes: string | string[]): () => Promise<string>;
}
