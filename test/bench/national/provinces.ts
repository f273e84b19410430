import { PROVINCES_2025 as DOMAIN_PROVINCES_2025 } from '@reorg/domain';

/**
 * Viet Nam's provinces for the national generator: the 63 provinces and centrally-run cities before
 * 2025-07-01 and the 34 after Resolution 202/2025/QH15 (the first province named in each merger
 * keeps its name and register; the others join it). Codes are the General Statistics Office's
 * province codes; `key` is the register's province code (ASCII, as the merged-province fixture's
 * BAC_KAN). The names are real, everything the generator puts under them is synthetic.
 */
export interface OldProvince {
  gso: string;
  key: string;
  name: string;
  /** Thành phố trực thuộc trung ương. */
  city?: boolean;
}

const p = (gso: string, key: string, name: string, city = false): OldProvince => ({ gso, key, name, ...(city ? { city } : {}) });

/** The 63 former provinces by register code. */
const OLD_PROVINCES: Readonly<Record<string, OldProvince>> = Object.fromEntries(
  [
    p('01', 'HA_NOI', 'Hà Nội', true),
    p('46', 'HUE', 'Huế', true),
    p('12', 'LAI_CHAU', 'Lai Châu'),
    p('11', 'DIEN_BIEN', 'Điện Biên'),
    p('14', 'SON_LA', 'Sơn La'),
    p('20', 'LANG_SON', 'Lạng Sơn'),
    p('22', 'QUANG_NINH', 'Quảng Ninh'),
    p('38', 'THANH_HOA', 'Thanh Hóa'),
    p('40', 'NGHE_AN', 'Nghệ An'),
    p('42', 'HA_TINH', 'Hà Tĩnh'),
    p('04', 'CAO_BANG', 'Cao Bằng'),
    p('08', 'TUYEN_QUANG', 'Tuyên Quang'),
    p('02', 'HA_GIANG', 'Hà Giang'),
    p('10', 'LAO_CAI', 'Lào Cai'),
    p('15', 'YEN_BAI', 'Yên Bái'),
    p('19', 'THAI_NGUYEN', 'Thái Nguyên'),
    p('06', 'BAC_KAN', 'Bắc Kạn'),
    p('25', 'PHU_THO', 'Phú Thọ'),
    p('26', 'VINH_PHUC', 'Vĩnh Phúc'),
    p('17', 'HOA_BINH', 'Hòa Bình'),
    p('27', 'BAC_NINH', 'Bắc Ninh'),
    p('24', 'BAC_GIANG', 'Bắc Giang'),
    p('33', 'HUNG_YEN', 'Hưng Yên'),
    p('34', 'THAI_BINH', 'Thái Bình'),
    p('31', 'HAI_PHONG', 'Hải Phòng', true),
    p('30', 'HAI_DUONG', 'Hải Dương'),
    p('37', 'NINH_BINH', 'Ninh Bình'),
    p('35', 'HA_NAM', 'Hà Nam'),
    p('36', 'NAM_DINH', 'Nam Định'),
    p('45', 'QUANG_TRI', 'Quảng Trị'),
    p('44', 'QUANG_BINH', 'Quảng Bình'),
    p('48', 'DA_NANG', 'Đà Nẵng', true),
    p('49', 'QUANG_NAM', 'Quảng Nam'),
    p('51', 'QUANG_NGAI', 'Quảng Ngãi'),
    p('62', 'KON_TUM', 'Kon Tum'),
    p('64', 'GIA_LAI', 'Gia Lai'),
    p('52', 'BINH_DINH', 'Bình Định'),
    p('56', 'KHANH_HOA', 'Khánh Hòa'),
    p('58', 'NINH_THUAN', 'Ninh Thuận'),
    p('68', 'LAM_DONG', 'Lâm Đồng'),
    p('67', 'DAK_NONG', 'Đắk Nông'),
    p('60', 'BINH_THUAN', 'Bình Thuận'),
    p('66', 'DAK_LAK', 'Đắk Lắk'),
    p('54', 'PHU_YEN', 'Phú Yên'),
    p('79', 'HO_CHI_MINH', 'Hồ Chí Minh', true),
    p('74', 'BINH_DUONG', 'Bình Dương'),
    p('77', 'BA_RIA_VUNG_TAU', 'Bà Rịa - Vũng Tàu'),
    p('75', 'DONG_NAI', 'Đồng Nai'),
    p('70', 'BINH_PHUOC', 'Bình Phước'),
    p('72', 'TAY_NINH', 'Tây Ninh'),
    p('80', 'LONG_AN', 'Long An'),
    p('92', 'CAN_THO', 'Cần Thơ', true),
    p('94', 'SOC_TRANG', 'Sóc Trăng'),
    p('93', 'HAU_GIANG', 'Hậu Giang'),
    p('86', 'VINH_LONG', 'Vĩnh Long'),
    p('83', 'BEN_TRE', 'Bến Tre'),
    p('84', 'TRA_VINH', 'Trà Vinh'),
    p('87', 'DONG_THAP', 'Đồng Tháp'),
    p('82', 'TIEN_GIANG', 'Tiền Giang'),
    p('96', 'CA_MAU', 'Cà Mau'),
    p('95', 'BAC_LIEU', 'Bạc Liêu'),
    p('89', 'AN_GIANG', 'An Giang'),
    p('91', 'KIEN_GIANG', 'Kiên Giang'),
  ].map((province) => [province.key, province]),
);

/** Each entry: the province of the new map, then the provinces that join it on 2025-07-01 (the domain's map). */
export const PROVINCES_2025: readonly (readonly OldProvince[])[] = Object.values(DOMAIN_PROVINCES_2025).map((keys) => keys.map((key) => OLD_PROVINCES[key]));

/** Provincial departments (sở) and the sector of most of their units; `TU` is the Party committee. */
export const DEPARTMENTS = [
  { key: 'UBND', name: 'Ủy ban nhân dân', sectors: ['OTHER', 'CONSTRUCTION', 'PRESS_BROADCASTING'] },
  { key: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', sectors: ['EDUCATION'] },
  { key: 'SYT', name: 'Sở Y tế', sectors: ['HEALTH'] },
  { key: 'SNN', name: 'Sở Nông nghiệp và Phát triển nông thôn', sectors: ['AGRICULTURE', 'FORESTRY'] },
  { key: 'STNMT', name: 'Sở Tài nguyên và Môi trường', sectors: ['ENVIRONMENT'] },
  { key: 'SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội', sectors: ['LABOUR_SOCIAL', 'VOCATIONAL_EDUCATION'] },
  { key: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', sectors: ['CULTURE'] },
  { key: 'SXD', name: 'Sở Xây dựng', sectors: ['CONSTRUCTION'] },
  { key: 'STTTT', name: 'Sở Thông tin và Truyền thông', sectors: ['IT'] },
  { key: 'SKHCN', name: 'Sở Khoa học và Công nghệ', sectors: ['SCIENCE'] },
  { key: 'TU', name: 'Tỉnh ủy', sectors: ['EDUCATION', 'PRESS_BROADCASTING'], system: 'PARTY_MASS' as const },
] as const;

export type DepartmentKey = (typeof DEPARTMENTS)[number]['key'];

/** Where a district's unit goes when the district level ends (2025-07-01), by sector: a department, or a commune. */
export const DISTRICT_DESTINATION: Record<string, DepartmentKey | 'COMMUNE'> = {
  HEALTH: 'SYT',
  VOCATIONAL_EDUCATION: 'SGDDT',
  CONSTRUCTION: 'SXD',
  AGRICULTURE: 'SNN',
  FORESTRY: 'SNN',
  ENVIRONMENT: 'SNN',
  EDUCATION: 'COMMUNE',
  CULTURE: 'COMMUNE',
};

/** Retired sector codes and the 2025 code a new unit takes instead (from 2025-03-01). */
export const SECTOR_AFTER_2025: Record<string, string> = {
  AGRICULTURE: 'AGRICULTURE_ENVIRONMENT',
  FORESTRY: 'AGRICULTURE_ENVIRONMENT',
  ENVIRONMENT: 'AGRICULTURE_ENVIRONMENT',
  IT: 'SCIENCE',
  LABOUR_SOCIAL: 'SOCIAL_PROTECTION',
};

/** Units by kind under a district People's Committee (DISTRICT level) and a commune's (COMMUNE level). */
export const DISTRICT_UNIT_KINDS = [
  { name: 'Trường Mầm non', sector: 'EDUCATION', weight: 30, quota: [15, 30] },
  { name: 'Trường Tiểu học', sector: 'EDUCATION', weight: 30, quota: [18, 40] },
  { name: 'Trường Trung học cơ sở', sector: 'EDUCATION', weight: 22, quota: [18, 40] },
  { name: 'Trung tâm Y tế', sector: 'HEALTH', weight: 4, quota: [80, 160] },
  { name: 'Trung tâm Văn hóa, Thể thao và Truyền thông', sector: 'CULTURE', weight: 4, quota: [12, 25] },
  { name: 'Trung tâm Dịch vụ nông nghiệp', sector: 'AGRICULTURE', weight: 3, quota: [12, 25] },
  { name: 'Ban Quản lý dự án đầu tư xây dựng', sector: 'CONSTRUCTION', weight: 3, quota: [12, 25] },
  { name: 'Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên', sector: 'VOCATIONAL_EDUCATION', weight: 4, quota: [15, 30] },
] as const;

export const COMMUNE_UNIT_KINDS = [
  { name: 'Trung tâm Văn hóa - Thể thao xã', sector: 'CULTURE', weight: 1, quota: [5, 12] },
  { name: 'Trung tâm Học tập cộng đồng xã', sector: 'EDUCATION', weight: 1, quota: [3, 8] },
] as const;

export const PROVINCIAL_UNIT_KINDS: Record<string, string[]> = {
  EDUCATION: ['Trường Trung học phổ thông', 'Trường Phổ thông dân tộc nội trú', 'Trung tâm Giáo dục thường xuyên'],
  HEALTH: ['Bệnh viện Đa khoa', 'Trung tâm Kiểm soát bệnh tật', 'Bệnh viện Y học cổ truyền', 'Bệnh viện Lao và Bệnh phổi'],
  AGRICULTURE: ['Trung tâm Khuyến nông', 'Trung tâm Giống cây trồng'],
  FORESTRY: ['Ban Quản lý rừng phòng hộ', 'Ban Quản lý rừng đặc dụng'],
  ENVIRONMENT: ['Văn phòng Đăng ký đất đai', 'Trung tâm Quan trắc tài nguyên và môi trường', 'Trung tâm Phát triển quỹ đất'],
  LABOUR_SOCIAL: ['Trung tâm Bảo trợ xã hội', 'Trung tâm Dịch vụ việc làm'],
  VOCATIONAL_EDUCATION: ['Trường Cao đẳng', 'Trường Trung cấp'],
  CULTURE: ['Bảo tàng', 'Thư viện', 'Trung tâm Văn hóa'],
  CONSTRUCTION: ['Viện Quy hoạch xây dựng', 'Trung tâm Giám định chất lượng xây dựng'],
  IT: ['Trung tâm Công nghệ thông tin và Truyền thông'],
  SCIENCE: ['Trung tâm Ứng dụng tiến bộ khoa học và công nghệ'],
  OTHER: ['Trung tâm Phục vụ hành chính công', 'Trung tâm Lưu trữ lịch sử'],
  PRESS_BROADCASTING: ['Đài Phát thanh - Truyền hình', 'Báo'],
};
