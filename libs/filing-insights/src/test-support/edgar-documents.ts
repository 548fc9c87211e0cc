// Real EDGAR documents from ../shared/fixtures/edgar/documents (see its README for each file's
// origin), for this library's specs, fuzz and benchmark only: it reads files with Node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const documents = join(
  __dirname,
  '../../../../../shared/fixtures/edgar/documents',
);

/** The text of one fixture document, by file name. */
export function edgarDocument(name: string): string {
  return readFileSync(join(documents, name), 'utf8');
}

/** The fixture file names by kind. */
export const FIXTURES = {
  form3Berkshire: 'form3_Snowflake_SNOW_Berkshire_Buffett_2owners_X0206.xml',
  form3Garrett: 'form3_Snowflake_SNOW_Garrett_derivative_holdings_X0206.xml',
  form4Water: 'form4_374Water_SCWO_Melkote_A_options_X0508.xml',
  form4Cook:
    'form4_AAPL_CookTimothy_2019-08_M_F_S_price_footnote_only_10b5-1.xml',
  form4Levinson: 'form4_AAPL_LevinsonArthur_2019-08_option_exercise_M_S.xml',
  form4DutchBros: 'form4_DutchBros_BROS_0001866581-25-000077_10b5-1_sales.xml',
  form4Scarpelli: 'form4_Snowflake_SNOW_Scarpelli_M_S_weightedavg_X0306.xml',
  form5McMahon: 'form5_Snowflake_SNOW_McMahon_G_gift_X0306.xml',
  form4SubNicholas:
    'form4_fullsub_2007_NicholasApplegate_0001240812-07-000005_P_purchase_PEM.txt',
  form4SubAar: 'form4_fullsub_AAR_Garascia_0001127602-25-001055_S.txt',
  form4SubBetter:
    'form4_fullsub_BetterHome_SoftBank_0001493152-25-009612_5owners.txt',
  form4SubDraftKings:
    'form4_fullsub_DraftKings_0001104659-25-025206_10b5-1_S.txt',
  form4SubZip: 'form4_fullsub_ZipRecruiter_0001617553-25-000024_RSU_M_F.txt',
  form4HeaderUfp: 'form4_index-headers_UFPTech_0001062993-24-012217.html',
  form4IndexPage: 'form4_index_html_0000950142-22-003095-index.html',
  eightKIndexNvidia: '8k_index_html_NVIDIA_0001045810-26-000024-index.html',
  eightKIndexAdobe: '8k_index_html_Adobe_0000796343-23-000044-index.html',
  form4RenderedMsft:
    'form4_rendered_html_MSFT_ListTeri_2016-06-03_xslF345.html',
  eightKSub1895: '8k_fullsub_1895Bancorp_0000943374-24-000509_item_5.02.txt',
  eightKSub3m: '8k_fullsub_3M_0000066740-24-000023_item_8.01.txt',
  eightKSubNvidia: '8k_fullsub_NVIDIA_0001045810-26-000024_items_5.02_9.01.txt',
  eightKNcAcorn: '8k_nc_AcornEnergy_0001493152-25-001317_items_5.02_9.01.nc',
  eightKHeader23andMe:
    '8k_index-headers_23andMe_0001193125-24-152391_items_7.01_9.01.html',
  eightKAtom:
    '8k_getcurrent_atom_page_start2000_2026-01-12_items_1.01_8-K-A.xml',
  schedule13dQxo: 'schedule13d_QXO_0001140361-25-017533_primary_doc.xml',
  schedule13dAAdia: 'schedule13dA_ADIA_0001011438-25-000254_primary_doc.xml',
  schedule13gAn2:
    'schedule13g_X0202_CommodoreCapital_AN2_0001831942-26-000014_primary_doc.xml',
  schedule13dArch: 'schedule13d_X0202_ARCH_SeaportTherapeutics_primary_doc.xml',
  sc13gNcGlazer:
    'sc13g_legacy_nc_Glazer_AvidBioservices_0001076809-24-000144.nc',
  sc13gHtmlLivent: 'sc13g_legacy_html_LTHM_primary_doc.html',
} as const;
