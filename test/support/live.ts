// The subscription documents the live tests send, as text for graphql-ws.

export const EXPIRY_WARNINGS = `subscription ($kind: SecretKind) {
  expiryWarnings(kind: $kind) { id secretId secretName secretKind thresholdDays daysLeft message expiresAt }
}`;

export const SECRET_EVENTS = `subscription ($kind: SecretKind) {
  secretEvents(kind: $kind) { type secretId at secret { id name status } }
}`;

export interface ExpiryWarningEvent {
  expiryWarnings: {
    id: string;
    secretId: string;
    secretName: string;
    secretKind: string;
    thresholdDays: number;
    daysLeft: number;
    message: string;
    expiresAt: string;
  };
}

export interface SecretEventMessage {
  secretEvents: {
    type: string;
    secretId: string;
    at: string;
    secret: { id: string; name: string; status: string } | null;
  };
}
