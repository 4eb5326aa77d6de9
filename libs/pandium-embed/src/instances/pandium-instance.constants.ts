/** Between the instance name and the ticket in a launch ticket issued through the router. @internal */
export const ROUTED_TICKET_SEPARATOR = '~';
