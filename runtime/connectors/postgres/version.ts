/** The version the PostgreSQL connectors and their tasks report (Connector.version()). */
export const postgresConnectorVersion = '0.1.0';
