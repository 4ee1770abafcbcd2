// Filled in by the connection-settings work of issue 9.
export {};
