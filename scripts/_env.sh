# Shared by scripts/serve and scripts/test: one virtualenv, installed once per
# requirements.txt content, and compiled translations. Sourced, not executed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python3}"
VENV=".venv"

ensure_venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        echo "==> Tạo môi trường ảo $VENV" >&2
        "$PYTHON" -m venv "$VENV" || {
            echo "Không tạo được venv: cài gói python3-venv (sudo apt-get install python3-venv)." >&2
            exit 1
        }
    fi
    local stamp="$VENV/.requirements.sha256"
    local want
    want=$(sha256sum requirements.txt | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        echo "==> Cài đặt thư viện Python (requirements.txt)" >&2
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
        echo "$want" > "$stamp"
    fi
    export PATH="$PWD/$VENV/bin:$PATH"
    "$VENV/bin/python" manage.py compile_translations --quiet
}
