"""Chinese names for the ASCII identifiers users see beside them (categories, severities).

Codes, rule names, option names and config keys stay ASCII; what they mean is said in
Chinese, with full-width punctuation like every other message of the tool.
"""

from __future__ import annotations

CATEGORY_NAMES = {
    "placeholder": "未填写的占位符",
    "formulation": "过时提法",
    "numbering": "序号层级",
    "residue": "网页残留",
    "typo": "错别字",
    "punctuation": "标点符号",
}

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}

SAFETY_NAMES = {
    "safe": "安全修复（--fix 自动修改）",
    "unsafe": "不安全修复（需 --fix --unsafe-fixes，改后请核对）",
}


def category_name(category: str) -> str:
    return CATEGORY_NAMES.get(category, category)


def severity_name(severity: str) -> str:
    return SEVERITY_NAMES.get(severity, severity)
