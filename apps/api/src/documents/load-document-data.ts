import { getOrganisation, getPolicy, getQuote, type LifecycleServices } from '@carapace/domain';
import type { PolicyDocumentData } from './policy-schedule.js';
import type { QuoteDocumentData } from './quote-document.js';

/** What the documents read: storage and the catalogue (the product version a quote was priced under). */
export type DocumentServices = Pick<LifecycleServices, 'unitOfWork' | 'catalogue' | 'now'>;

/** @throws NotFoundError (`quote_not_found`) when there is no such quote */
export async function loadQuoteDocumentData(
  services: DocumentServices,
  quoteId: string,
): Promise<QuoteDocumentData> {
  const { quote } = await getQuote(services, quoteId);
  const organisation = await getOrganisation(services.unitOfWork, quote.organisationId);
  const product = services.catalogue.product(quote.assessment.product.id, quote.assessment.product.version);
  return { quote, organisation, product, generatedAt: services.now() };
}

/** @throws NotFoundError (`policy_not_found`) when there is no such policy */
export async function loadPolicyDocumentData(
  services: DocumentServices,
  policyId: string,
): Promise<PolicyDocumentData> {
  const { policy } = await getPolicy(services, policyId);
  const { quote } = await getQuote(services, policy.quoteId);
  const organisation = await getOrganisation(services.unitOfWork, policy.organisationId);
  const product = services.catalogue.product(policy.productId, policy.productVersion);
  return { policy, quote, organisation, product, generatedAt: services.now() };
}
