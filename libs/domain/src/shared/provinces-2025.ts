/**
 * The 34 provinces and centrally-run cities of Resolution 202/2025/QH15 (in force 2025-07-01), each
 * with the former provinces whose territories it takes in, itself first: the place codes units and
 * bodies carry as `province` (another register's, until it joins) or `territory` (after it). A
 * structure "of a province" is that of the units and bodies of these places.
 */
export const PROVINCES_2025: Readonly<Record<string, readonly string[]>> = {
  HA_NOI: ['HA_NOI'],
  HUE: ['HUE'],
  LAI_CHAU: ['LAI_CHAU'],
  DIEN_BIEN: ['DIEN_BIEN'],
  SON_LA: ['SON_LA'],
  LANG_SON: ['LANG_SON'],
  QUANG_NINH: ['QUANG_NINH'],
  THANH_HOA: ['THANH_HOA'],
  NGHE_AN: ['NGHE_AN'],
  HA_TINH: ['HA_TINH'],
  CAO_BANG: ['CAO_BANG'],
  TUYEN_QUANG: ['TUYEN_QUANG', 'HA_GIANG'],
  LAO_CAI: ['LAO_CAI', 'YEN_BAI'],
  THAI_NGUYEN: ['THAI_NGUYEN', 'BAC_KAN'],
  PHU_THO: ['PHU_THO', 'VINH_PHUC', 'HOA_BINH'],
  BAC_NINH: ['BAC_NINH', 'BAC_GIANG'],
  HUNG_YEN: ['HUNG_YEN', 'THAI_BINH'],
  HAI_PHONG: ['HAI_PHONG', 'HAI_DUONG'],
  NINH_BINH: ['NINH_BINH', 'HA_NAM', 'NAM_DINH'],
  QUANG_TRI: ['QUANG_TRI', 'QUANG_BINH'],
  DA_NANG: ['DA_NANG', 'QUANG_NAM'],
  QUANG_NGAI: ['QUANG_NGAI', 'KON_TUM'],
  GIA_LAI: ['GIA_LAI', 'BINH_DINH'],
  KHANH_HOA: ['KHANH_HOA', 'NINH_THUAN'],
  LAM_DONG: ['LAM_DONG', 'DAK_NONG', 'BINH_THUAN'],
  DAK_LAK: ['DAK_LAK', 'PHU_YEN'],
  HO_CHI_MINH: ['HO_CHI_MINH', 'BINH_DUONG', 'BA_RIA_VUNG_TAU'],
  DONG_NAI: ['DONG_NAI', 'BINH_PHUOC'],
  TAY_NINH: ['TAY_NINH', 'LONG_AN'],
  CAN_THO: ['CAN_THO', 'SOC_TRANG', 'HAU_GIANG'],
  VINH_LONG: ['VINH_LONG', 'BEN_TRE', 'TRA_VINH'],
  DONG_THAP: ['DONG_THAP', 'TIEN_GIANG'],
  CA_MAU: ['CA_MAU', 'BAC_LIEU'],
  AN_GIANG: ['AN_GIANG', 'KIEN_GIANG'],
};

/** The former provinces a 2025 province takes in (itself first); undefined for a code that is not one of the 34. */
export function formerProvincesOf(province: string): readonly string[] | undefined {
  return Object.hasOwn(PROVINCES_2025, province) ? PROVINCES_2025[province] : undefined;
}
