
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "SecretDependent": [
      "Connection",
      "NotificationChannel",
      "Workflow"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "SecretDependent": [
      "Connection",
      "NotificationChannel",
      "Workflow"
    ]
  }
};
      export default result;
    