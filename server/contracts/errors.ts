// Every error the API answers with has this body. Types only.
export interface ApiErrorBody {
  error: string;
}
