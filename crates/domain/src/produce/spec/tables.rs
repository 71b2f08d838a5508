//! The activity and Kit tables (koogallery-apis.md §5.4, §6.5, §7.2). Lengths are the
//! documents' "maximum length" column; `resultCode`/`resultMsg` are on every answer.

use super::{Activity, Field, Kind, KitSync, Need};

/// Mandatory field.
const fn m(path: &'static str, kind: Kind, max_len: Option<usize>) -> Field {
    Field {
        path,
        required: true,
        kind,
        max_len,
    }
}

/// Optional field.
const fn o(path: &'static str, kind: Kind, max_len: Option<usize>) -> Field {
    Field {
        path,
        required: false,
        kind,
        max_len,
    }
}

use Kind::{Double, Integer, List, Object, String as Str};

const RESULT_CODE: Field = m("resultCode", Str, Some(6));
const RESULT_MSG: Field = o("resultMsg", Str, Some(255));
const TEST_FLAG: Field = o("testFlag", Str, Some(2));
const PLAIN_ANSWER: &[Field] = &[RESULT_CODE, RESULT_MSG];

pub const ACTIVITIES: &[Activity] = &[
    Activity {
        name: "newInstance",
        need: Need::All,
        doc_url: "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649427.html",
        request: &[
            m("activity", Str, Some(20)),
            m("orderId", Str, Some(64)),
            m("orderLineId", Str, Some(64)),
            m("businessId", Str, Some(64)),
            TEST_FLAG,
        ],
        response: &[RESULT_CODE, RESULT_MSG, m("instanceId", Str, Some(64))],
    },
    Activity {
        name: "queryInstance",
        need: Need::All,
        doc_url: "https://support.huaweicloud.com/intl/zh-cn/accessg-marketplace/topic_0070649093.html",
        request: &[m("activity", Str, Some(20)), m("instanceId", Str, Some(100)), TEST_FLAG],
        response: &[
            RESULT_CODE,
            RESULT_MSG,
            o("encryptType", Str, Some(3)),
            m("info", List, None),
            m("info[].instanceId", Str, Some(64)),
            o("info[].appInfo", Object, None),
            m("info[].appInfo.frontEndUrl", Str, Some(512)),
            o("info[].appInfo.adminUrl", Str, Some(512)),
            o("info[].appInfo.userName", Str, Some(128)),
            o("info[].appInfo.password", Str, Some(128)),
            o("info[].appInfo.memo", Str, Some(1024)),
            o("info[].usageInfo", List, None),
            o("info[].usageInfo[].relatedInstanceId", Str, Some(64)),
            m("info[].usageInfo[].usageValue", Double, None),
            m("info[].usageInfo[].statisticalTime", Str, Some(20)),
            o("info[].usageInfo[].dashboardUrl", Str, Some(512)),
        ],
    },
    Activity {
        name: "refreshInstance",
        need: Need::Period,
        doc_url: "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649429.html",
        request: &[
            m("activity", Str, Some(20)),
            m("scene", Str, Some(64)),
            m("orderId", Str, Some(64)),
            m("orderLineId", Str, Some(64)),
            m("instanceId", Str, Some(64)),
            o("productId", Str, Some(64)),
            m("expireTime", Str, Some(20)),
            TEST_FLAG,
        ],
        response: PLAIN_ANSWER,
    },
    Activity {
        name: "updateInstanceStatus",
        need: Need::Period,
        doc_url: "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649430.html",
        request: &[
            m("activity", Str, Some(32)),
            m("instanceId", Str, Some(64)),
            m("status", Str, Some(32)),
            TEST_FLAG,
        ],
        response: PLAIN_ANSWER,
    },
    Activity {
        name: "releaseInstance",
        need: Need::All,
        doc_url: "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649431.html",
        request: &[
            m("activity", Str, Some(32)),
            m("instanceId", Str, Some(64)),
            o("orderId", Str, Some(64)),
            o("orderLineId", Str, Some(64)),
            TEST_FLAG,
        ],
        response: PLAIN_ANSWER,
    },
    Activity {
        name: "upgradeInstance",
        need: Need::PeriodOptional,
        doc_url: "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649432.html",
        request: &[
            m("activity", Str, Some(32)),
            m("instanceId", Str, Some(64)),
            m("orderId", Str, Some(64)),
            m("orderLineId", Str, Some(64)),
            TEST_FLAG,
        ],
        response: PLAIN_ANSWER,
    },
    Activity {
        name: "changeInstanceCheck",
        need: Need::PeriodOptional,
        doc_url: "https://support.huaweicloud.com/usermanual-marketplace/zh-cn_topic_0000002411753620.html",
        request: &[
            m("activity", Str, Some(32)),
            m("instanceId", Str, Some(64)),
            m("productInfo", Object, None),
            m("productInfo.productId", Str, Some(64)),
            m("productInfo.skuCode", Str, Some(64)),
            o("productInfo.linearValue", Integer, None),
            m("productInfo.productName", Str, Some(64)),
            TEST_FLAG,
        ],
        response: PLAIN_ANSWER,
    },
    Activity {
        name: "orderNotify",
        need: Need::Optional,
        doc_url: "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0000002091799153.html",
        request: &[
            m("activity", Str, Some(32)),
            m("orderId", Str, Some(64)),
            m("orderLineId", Str, Some(64)),
            m("testFlag", Str, Some(2)),
        ],
        response: PLAIN_ANSWER,
    },
];

/// The V1.0 `activity` values (GET), §6.5.
pub const V1_ACTIVITIES: &[&str] = &[
    "newInstance",
    "refreshInstance",
    "expireInstance",
    "releaseInstance",
    "upgrade",
    "instanceStatus",
    "queryInstance",
];

/// What every Kit sync answers.
pub const KIT_RESPONSE: &[Field] = PLAIN_ANSWER;

const KIT_FLAG: Field = m("flag", Integer, Some(2));
const KIT_TEST_FLAG: Field = m("testFlag", Integer, Some(2));
const KIT_TIME_STAMP: Field = m("timeStamp", Str, Some(17));

pub const KIT_SYNCS: &[KitSync] = &[
    KitSync {
        name: "tenantSync",
        path: "/produceAPI/v2/tenantSync",
        v1_path: "/produceAPI/tenantSync",
        doc_url: "https://huaweicloud.com/guide/productsdesc-bms_396fd9557c4fa484919e8ec6f91e0716support1",
        request: &[
            m("instanceId", Str, Some(64)),
            m("orderId", Str, Some(64)),
            m("tenantId", Str, Some(64)),
            m("tenantCode", Str, Some(64)),
            m("name", Str, Some(255)),
            m("domainName", Str, Some(255)),
            KIT_FLAG,
            KIT_TEST_FLAG,
            KIT_TIME_STAMP,
        ],
    },
    KitSync {
        name: "applicationSync",
        path: "/produceAPI/v2/applicationSync",
        v1_path: "/produceAPI/applicationSync",
        doc_url: "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649434.html",
        request: &[
            m("instanceId", Str, Some(64)),
            m("tenantId", Str, Some(64)),
            m("appId", Str, Some(64)),
            m("clientId", Str, Some(64)),
            m("clientSecret", Str, None),
            KIT_FLAG,
            KIT_TEST_FLAG,
            KIT_TIME_STAMP,
        ],
    },
    KitSync {
        name: "authSync",
        path: "/produceAPI/v2/authSync",
        v1_path: "/produceAPI/authSync",
        doc_url: "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649435.html",
        request: &[
            m("instanceId", Str, Some(64)),
            m("tenantId", Str, Some(64)),
            m("appId", Str, Some(64)),
            m("userList", List, None),
            m("userList[].userName", Str, Some(64)),
            m("userList[].name", Str, Some(64)),
            m("userList[].orgCode", Str, Some(64)),
            o("userList[].position", Str, Some(64)),
            o("userList[].employeeCode", Str, Some(64)),
            o("userList[].employeeType", Integer, None),
            m("userList[].role", Str, Some(32)),
            m("userList[].enable", Str, Some(8)),
            o("userList[].mobile", Str, Some(32)),
            o("userList[].email", Str, Some(128)),
            m("currentSyncTime", Str, None),
            KIT_FLAG,
            KIT_TEST_FLAG,
            KIT_TIME_STAMP,
        ],
    },
    KitSync {
        name: "singleOrgSync",
        path: "/produceAPI/v2/singleOrgSync",
        v1_path: "/produceAPI/singleOrgSync",
        doc_url: "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649112.html",
        request: &[
            m("instanceId", Str, Some(64)),
            m("tenantId", Str, Some(64)),
            m("orgCode", Str, Some(64)),
            m("orgName", Str, Some(128)),
            o("parentCode", Str, Some(64)),
            KIT_FLAG,
            KIT_TEST_FLAG,
            KIT_TIME_STAMP,
        ],
    },
    KitSync {
        name: "allOrgSync",
        path: "/produceAPI/v2/allOrgSync",
        v1_path: "/produceAPI/allOrgSync",
        doc_url: "https://support.huaweicloud.com/accessg-marketplace/zh-cn_topic_0070649437.html",
        request: &[
            m("instanceId", Str, Some(64)),
            m("tenantId", Str, Some(64)),
            m("orgInfoList", List, None),
            m("orgInfoList[].orgCode", Str, Some(64)),
            m("orgInfoList[].orgName", Str, Some(128)),
            o("orgInfoList[].parentCode", Str, Some(64)),
            KIT_TEST_FLAG,
            KIT_TIME_STAMP,
        ],
    },
];

/// The V2 base activity named `name`.
pub fn activity(name: &str) -> Option<&'static Activity> {
    ACTIVITIES.iter().find(|a| a.name == name)
}

/// The Kit sync named `name` (`tenantSync`…) or with that V2 path.
pub fn kit_sync(name_or_path: &str) -> Option<&'static KitSync> {
    KIT_SYNCS
        .iter()
        .find(|k| k.name == name_or_path || k.path == name_or_path)
}
