-- The public data resource catalog (公共数据资源目录), see docs/CATALOG.md. A resource keeps its
-- code for ever; its content lives in numbered versions, so a published version keeps serving
-- while a change is reviewed. Lists (keywords, tags, related codes) are JSON arrays of text.
-- Instants are fixed-width ISO-8601 UTC text (see DapperSetup).
CREATE TABLE catalog_classifications (
    code         TEXT    PRIMARY KEY,
    parent_code  TEXT    REFERENCES catalog_classifications (code),
    level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    name         TEXT    NOT NULL
);

-- The last 顺序码 handed out per classification: never lowered, so codes are never reused.
CREATE TABLE catalog_code_counters (
    classification_code  TEXT    PRIMARY KEY REFERENCES catalog_classifications (code),
    last_seq             INTEGER NOT NULL CHECK (last_seq BETWEEN 1 AND 99999)
);

CREATE TABLE catalog_resources (
    id                    INTEGER PRIMARY KEY,
    code                  TEXT    NOT NULL UNIQUE,
    classification_code   TEXT    NOT NULL REFERENCES catalog_classifications (code),
    provider_id           INTEGER NOT NULL REFERENCES organizations (id),
    status                TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    published_version_id  INTEGER REFERENCES catalog_resource_versions (id),
    working_version_id    INTEGER REFERENCES catalog_resource_versions (id),
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    retired_at            TEXT
);
CREATE INDEX ix_catalog_resources_provider ON catalog_resources (provider_id, id);

CREATE TABLE catalog_resource_versions (
    id               INTEGER PRIMARY KEY,
    resource_id      INTEGER NOT NULL REFERENCES catalog_resources (id),
    version_no       INTEGER NOT NULL CHECK (version_no > 0),
    state            TEXT    NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'published', 'superseded', 'retired', 'discarded')),
    name             TEXT    NOT NULL,
    summary          TEXT,
    keywords         TEXT    NOT NULL,
    format           TEXT,
    format_subtype   TEXT,
    share_type       TEXT,
    share_condition  TEXT,
    share_method     TEXT,
    legal_basis      TEXT,
    open_type        TEXT,
    open_condition   TEXT,
    update_cycle     TEXT,
    related_codes    TEXT    NOT NULL,
    tags             TEXT    NOT NULL,
    grade            TEXT    CHECK (grade IN ('L1', 'L2', 'L3', 'L4')),
    score            INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    failures         TEXT    NOT NULL,
    created_by       TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    submitted_at     TEXT,
    published_at     TEXT,
    review_comment   TEXT,
    UNIQUE (resource_id, version_no)
);

-- 信息项: one row per field of a version, in order; a field's name becomes a dataset column.
CREATE TABLE catalog_fields (
    version_id   INTEGER NOT NULL REFERENCES catalog_resource_versions (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    label        TEXT,
    type         TEXT    CHECK (type IN ('C', 'N', 'Y', 'D', 'T', 'L', 'M', 'G', 'B', 'I', 'F')),
    length       INTEGER CHECK (length > 0),
    scale        INTEGER CHECK (scale >= 0),
    description  TEXT,
    is_key       INTEGER NOT NULL CHECK (is_key IN (0, 1)),
    nullable     INTEGER NOT NULL CHECK (nullable IN (0, 1)),
    grade        TEXT    CHECK (grade IN ('L1', 'L2', 'L3', 'L4')),
    PRIMARY KEY (version_id, position),
    UNIQUE (version_id, name)
);

-- Every state change with who, when and why (the reviewer's comment).
CREATE TABLE catalog_transitions (
    id               INTEGER PRIMARY KEY,
    resource_id      INTEGER NOT NULL REFERENCES catalog_resources (id),
    version_id       INTEGER NOT NULL REFERENCES catalog_resource_versions (id),
    action           TEXT    NOT NULL,
    from_state       TEXT,
    to_state         TEXT    NOT NULL,
    actor            TEXT    NOT NULL,
    organization_id  INTEGER,
    at               TEXT    NOT NULL,
    comment          TEXT
);
CREATE INDEX ix_catalog_transitions_resource ON catalog_transitions (resource_id, id);

-- The names a provider's live resources use (published and working version): the primary key
-- keeps names unique per provider even between two nodes writing at once.
CREATE TABLE catalog_name_claims (
    provider_id  INTEGER NOT NULL REFERENCES organizations (id),
    name         TEXT    NOT NULL,
    resource_id  INTEGER NOT NULL REFERENCES catalog_resources (id),
    PRIMARY KEY (provider_id, name)
);
CREATE INDEX ix_catalog_name_claims_resource ON catalog_name_claims (resource_id);

-- The reference classification (信息资源分类, 政务信息资源目录编制指南 2017): 类 (1 digit) /
-- 项 (+2) / 目 (+3) / 细目 (+3). 类 and the base libraries are national; the 目 and 细目 below
-- are a starting point a deployment extends.
INSERT INTO catalog_classifications (code, parent_code, level, name) VALUES
    ('1', NULL, 1, '基础信息资源'),
    ('2', NULL, 1, '主题信息资源'),
    ('3', NULL, 1, '部门信息资源'),
    ('101', '1', 2, '人口'),
    ('102', '1', 2, '法人'),
    ('103', '1', 2, '自然资源和空间地理'),
    ('104', '1', 2, '社会信用'),
    ('105', '1', 2, '电子证照'),
    ('101001', '101', 3, '人口基本信息'),
    ('101002', '101', 3, '户籍登记信息'),
    ('101003', '101', 3, '出生登记信息'),
    ('101004', '101', 3, '死亡登记信息'),
    ('101005', '101', 3, '婚姻登记信息'),
    ('101006', '101', 3, '流动人口信息'),
    ('102001', '102', 3, '法人基本信息'),
    ('102002', '102', 3, '企业登记信息'),
    ('102003', '102', 3, '企业年报信息'),
    ('102004', '102', 3, '事业单位登记信息'),
    ('102005', '102', 3, '社会组织登记信息'),
    ('103001', '103', 3, '基础地理信息'),
    ('103002', '103', 3, '国土空间规划信息'),
    ('103003', '103', 3, '土地资源信息'),
    ('103004', '103', 3, '水资源信息'),
    ('103005', '103', 3, '森林资源信息'),
    ('103006', '103', 3, '矿产资源信息'),
    ('104001', '104', 3, '自然人信用信息'),
    ('104002', '104', 3, '法人信用信息'),
    ('104003', '104', 3, '行政许可信息'),
    ('104004', '104', 3, '行政处罚信息'),
    ('104005', '104', 3, '守信激励和失信惩戒名单'),
    ('105001', '105', 3, '身份类证照'),
    ('105002', '105', 3, '资格资质类证照'),
    ('105003', '105', 3, '登记备案类证照'),
    ('105004', '105', 3, '许可审批类证照'),
    ('105005', '105', 3, '鉴定证明类证照'),
    ('105001001', '105001', 4, '居民身份证'),
    ('105002001', '105002', 4, '执业资格证书'),
    ('105003001', '105003', 4, '营业执照'),
    ('201', '2', 2, '公共服务'),
    ('202', '2', 2, '健康保障'),
    ('203', '2', 2, '社会保障'),
    ('204', '2', 2, '食品药品安全'),
    ('205', '2', 2, '安全生产'),
    ('206', '2', 2, '价格监管'),
    ('207', '2', 2, '能源安全'),
    ('208', '2', 2, '信用体系'),
    ('209', '2', 2, '城乡建设'),
    ('210', '2', 2, '社区治理'),
    ('211', '2', 2, '生态环境'),
    ('212', '2', 2, '应急维稳'),
    ('301', '3', 2, '公安'),
    ('302', '3', 2, '民政'),
    ('303', '3', 2, '司法行政'),
    ('304', '3', 2, '人力资源和社会保障'),
    ('305', '3', 2, '自然资源'),
    ('306', '3', 2, '生态环境'),
    ('307', '3', 2, '住房和城乡建设'),
    ('308', '3', 2, '交通运输'),
    ('309', '3', 2, '水利'),
    ('310', '3', 2, '农业农村'),
    ('311', '3', 2, '商务'),
    ('312', '3', 2, '文化和旅游'),
    ('313', '3', 2, '卫生健康'),
    ('314', '3', 2, '应急管理'),
    ('315', '3', 2, '市场监督管理'),
    ('316', '3', 2, '税务'),
    ('317', '3', 2, '教育'),
    ('318', '3', 2, '医疗保障');
