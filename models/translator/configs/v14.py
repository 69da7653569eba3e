# Stage 2 after v13.py, as v12.py. Run: translator.train translator/configs/v3.py translator/configs/v11.py
# translator/configs/v13.py translator/configs/v4.py translator/configs/v12.py translator/configs/v14.py
init_from = '.work/translator-v13s1/best.pt'
out_dir = '.work/translator-v14'
