# Engine v2, stage 2 after v9.py: v8.py (the paper's imitator losses through the current look's imitator) from v9's
# stage 1. Run: translator.train translator/configs/v3.py translator/configs/v7.py translator/configs/v9.py
# translator/configs/v4.py translator/configs/v8.py translator/configs/v10.py
init_from = '.work/translator-v9s1/best.pt'
out_dir = '.work/translator-v10'
